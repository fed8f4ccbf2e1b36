//! StatefulSet Playground: a deterministic Kubernetes cluster simulation with kubectl on top,
//! and (on wasm32) the Yew page that shows it.

pub mod container;
pub mod gofmt;
pub mod kubectl;
pub mod manifest;
pub mod order;
pub mod paths;
pub mod session;
pub mod sh;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
mod native_alloc;

/// Keeps memory the program frees for its own reuse instead of returning it to the system (see
/// `native_alloc`). A wasm module's memory never shrinks, so on wasm32 there is nothing to do.
pub fn keep_freed_memory() {
    #[cfg(not(target_arch = "wasm32"))]
    native_alloc::keep_freed_memory();
}

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: native_alloc::Mimalloc = native_alloc::Mimalloc;
