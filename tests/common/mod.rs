//! Helpers shared by integration tests.
#![allow(dead_code)]

pub mod arb;
pub mod hostile;
pub mod score;
