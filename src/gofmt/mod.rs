//! Go-compatible text formatting, the one owner of these rules: `strconv.Quote` and `%q`
//! (`quote`), `encoding/json` output (`json`), Go's float printing (`float`), `%v` and `%#v` of
//! decoded values (`value`), `fmt.Sprintf` and friends (`printf`), `resource.Quantity` from
//! k8s.io/apimachinery (`quantity`), and `time.Parse` of RFC 3339 times with Go's error text
//! (`rfc3339`).
//!
//! It sits below the simulation, the manifest layer, kubectl and the shells, and names nothing
//! else of the crate: every layer that prints what Go would print asks this module.

pub mod float;
pub mod json;
pub mod printf;
pub mod quantity;
pub mod quote;
pub mod rfc3339;
pub mod value;

#[cfg(test)]
mod tests;
