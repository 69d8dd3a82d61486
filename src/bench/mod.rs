//! Tools for measuring the archive at scale. `corpus` generates realistic Party and State
//! documents, deterministically and as many as wanted, for load tests and lookup test sets.

pub mod corpus;
mod vocabulary;
