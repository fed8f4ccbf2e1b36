//! On wasm32 mounts the page; natively a command-line runner over the same core.

fn main() {
    println!("usage: sts-playground [--help]");
}
