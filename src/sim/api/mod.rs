//! The API server's rules as pure functions: decoding, defaulting, validation and patching.

pub mod admission;
pub mod decode;
pub mod decode_types;
pub mod defaults;
pub mod defaults_pod;
pub mod field_error;
pub mod field_path;
pub mod json_patch;
pub mod merge_patch;
pub mod names;
pub mod omitempty;
pub mod patch_meta;
pub mod strategic;
pub mod strategic_diff;
pub mod strategic_order;
pub mod tracked;
pub mod validation;
pub mod validation_config;
pub mod validation_container;
pub mod validation_meta;
pub mod validation_pdb;
pub mod validation_pod;
pub mod validation_pod_update;
pub mod validation_service;
pub mod validation_storage;
pub mod validation_sts_status;
