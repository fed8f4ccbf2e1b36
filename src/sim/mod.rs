//! The cluster simulation: object store, virtual clock, controllers. Pure and deterministic.

pub mod api;
