//! kubectl's output formats as pure functions: objects and the simulation clock in, text out.
//!
//! Tables (`kubectl get`, `-o wide`, `--show-labels`, `-A`, `get all`, `-w`), `-o name`,
//! `-o custom-columns`, `-o jsonpath`, `-o go-template`, `--sort-by`, `kubectl events`, and `kubectl describe`
//! reproduce kubectl v1.37 byte for byte. Nothing here reads the wall clock: every age is computed
//! from the `now` the caller passes.

pub mod custom_columns;
pub mod describe;
pub mod duration;
pub mod events_cmd;
pub mod gotemplate;
pub mod jsonpath;
pub mod kinds;
pub mod labels;
pub mod pod_status;
pub mod rows_config;
pub mod rows_core;
pub mod rows_events;
pub mod rows_policy;
pub mod rows_storage;
pub mod rows_workloads;
pub mod sort;
pub mod table;
pub mod tabwriter;
