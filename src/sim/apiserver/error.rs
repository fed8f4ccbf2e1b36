//! API errors as the server reports them: an HTTP status, a reason and a message.

use crate::sim::kind::Kind;

/// An error answer of the API server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code (404, 409, 422, 400, 403 …).
    pub code: u16,
    /// The StatusReason, e.g. `NotFound`, `AlreadyExists`, `Invalid`, `BadRequest`, `Forbidden`.
    pub reason: &'static str,
    /// The message kubectl prints after `Error from server (<reason>): `.
    pub message: String,
}

impl ApiError {
    /// `statefulsets.apps "web" not found`.
    pub fn not_found(kind: Kind, name: &str) -> ApiError {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: format!("{} \"{name}\" not found", kind.qualified_plural()),
        }
    }

    /// `statefulsets.apps "web" already exists`.
    pub fn already_exists(kind: Kind, name: &str) -> ApiError {
        ApiError {
            code: 409,
            reason: "AlreadyExists",
            message: format!("{} \"{name}\" already exists", kind.qualified_plural()),
        }
    }

    /// `namespaces "x" not found`.
    pub fn namespace_not_found(ns: &str) -> ApiError {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: format!("namespaces \"{ns}\" not found"),
        }
    }

    /// Creation refused because the namespace is being deleted.
    pub fn namespace_terminating(kind: Kind, name: &str, ns: &str) -> ApiError {
        ApiError {
            code: 403,
            reason: "Forbidden",
            message: format!(
                "{} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                kind.qualified_plural()
            ),
        }
    }

    /// A 422 Invalid error with a preformatted message (`The StatefulSet "web" is invalid: …`).
    pub fn invalid(message: String) -> ApiError {
        ApiError {
            code: 422,
            reason: "Invalid",
            message,
        }
    }

    /// The Status message as the server sends it. An Invalid error is kept in the form kubectl
    /// prints (`The Pod "x" is invalid: ` and one `* cause` line each); the wire form is
    /// `Pod "x" is invalid: cause` or `… is invalid: [a, b]`, which commands that wrap the error
    /// in their own words show (create_configmap.go: `failed to create configmap: %v`).
    pub fn status_message(&self) -> String {
        if self.reason != "Invalid" {
            return self.message.clone();
        }
        let text = self.message.strip_prefix("The ").unwrap_or(&self.message);
        match text.split_once(": \n* ") {
            Some((head, causes)) => format!(
                "{head}: [{}]",
                causes.split("\n* ").collect::<Vec<_>>().join(", ")
            ),
            None => text.to_string(),
        }
    }

    /// A 400 BadRequest error.
    pub fn bad_request(message: String) -> ApiError {
        ApiError {
            code: 400,
            reason: "BadRequest",
            message,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.reason == "Invalid" {
            write!(f, "{}", self.message)
        } else {
            write!(f, "Error from server ({}): {}", self.reason, self.message)
        }
    }
}
