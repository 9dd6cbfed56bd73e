//! Modules: the lessons generated from a clause set.
