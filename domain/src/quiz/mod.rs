//! Scenario quizzes generated from a clause set.
