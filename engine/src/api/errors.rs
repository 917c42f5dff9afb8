//! API errors with the status codes, reasons and message texts the real API server returns.

use super::kinds::Kind;

/// A failed API request, as a `metav1.Status` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status code (404, 409, 403, 422, 400).
    pub code: u16,
    /// The machine-readable reason (`NotFound`, `AlreadyExists`, `Forbidden`, `Invalid`, `BadRequest`).
    pub reason: &'static str,
    /// The human-readable message.
    pub message: String,
}

impl ApiError {
    /// `pods "x" not found`.
    pub fn not_found(kind: Kind, name: &str) -> Self {
        Self {
            code: 404,
            reason: "NotFound",
            message: format!("{} \"{name}\" not found", kind.qualified_plural()),
        }
    }

    /// `pods "x" already exists`.
    pub fn already_exists(kind: Kind, name: &str) -> Self {
        Self {
            code: 409,
            reason: "AlreadyExists",
            message: format!("{} \"{name}\" already exists", kind.qualified_plural()),
        }
    }

    /// A conflict, such as a stale resourceVersion.
    pub fn conflict(kind: Kind, name: &str, why: &str) -> Self {
        Self {
            code: 409,
            reason: "Conflict",
            message: format!(
                "Operation cannot be fulfilled on {} \"{name}\": {why}",
                kind.qualified_plural()
            ),
        }
    }

    /// `The Pod "x" is invalid: <causes>`; each cause is `field: Type: detail`.
    pub fn invalid(kind: Kind, name: &str, causes: &[String]) -> Self {
        let joined = if causes.len() == 1 {
            causes[0].clone()
        } else {
            format!("[{}]", causes.join(", "))
        };
        Self {
            code: 422,
            reason: "Invalid",
            message: format!("{} \"{name}\" is invalid: {joined}", kind.info().kind),
        }
    }

    /// A forbidden request: `User "u" cannot VERB resource "R" in API group "G" ...`.
    pub fn forbidden(
        user: &str,
        verb: &str,
        kind: Kind,
        namespace: Option<&str>,
        name: Option<&str>,
    ) -> Self {
        let info = kind.info();
        let subject = match name {
            Some(n) => format!("{} \"{n}\" is forbidden", kind.qualified_plural()),
            None => format!("{} is forbidden", kind.qualified_plural()),
        };
        let scope = match namespace {
            Some(ns) if info.namespaced => format!("in the namespace \"{ns}\""),
            _ => "at the cluster scope".to_owned(),
        };
        Self {
            code: 403,
            reason: "Forbidden",
            message: format!(
                "{subject}: User \"{user}\" cannot {verb} resource \"{}\" in API group \"{}\" {scope}",
                info.plural, info.group
            ),
        }
    }

    /// A malformed request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            code: 400,
            reason: "BadRequest",
            message: message.into(),
        }
    }

    /// The line kubectl prints for this error, without the trailing newline.
    pub fn kubectl_line(&self) -> String {
        if self.reason == "Invalid" {
            format!("The {}", self.message)
        } else {
            format!("Error from server ({}): {}", self.reason, self.message)
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.kubectl_line())
    }
}

#[cfg(test)]
mod tests {
    use super::super::kinds::k;
    use super::*;

    #[test]
    fn messages_match_the_api_server() {
        assert_eq!(
            ApiError::not_found(k::pod(), "web").kubectl_line(),
            "Error from server (NotFound): pods \"web\" not found"
        );
        assert_eq!(
            ApiError::not_found(k::deployment(), "web").kubectl_line(),
            "Error from server (NotFound): deployments.apps \"web\" not found"
        );
        assert_eq!(
            ApiError::forbidden("developer", "list", k::node(), None, None).kubectl_line(),
            "Error from server (Forbidden): nodes is forbidden: User \"developer\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"
        );
        assert_eq!(
            ApiError::forbidden(
                "developer",
                "get",
                k::pod(),
                Some("openshift-etcd"),
                Some("etcd-master01")
            )
            .kubectl_line(),
            "Error from server (Forbidden): pods \"etcd-master01\" is forbidden: User \"developer\" cannot get resource \"pods\" in API group \"\" in the namespace \"openshift-etcd\""
        );
    }
}
