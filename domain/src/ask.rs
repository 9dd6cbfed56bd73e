//! Policy look-up: a situation in, the deciding clause out.
