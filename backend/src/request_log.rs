//! What the request log shows of a request: its method and path, with secrets taken out.
//!
//! A sign-in link's or password reset's token is in its path, and whoever reads a log line
//! before the link is used could use it. The query string is never logged: it may carry a
//! person's search text.

use axum::http::Request;
use tracing::Span;

/// Path prefixes whose next segment is a secret.
const SECRET_AFTER: [&str; 4] = [
    "/link/",
    "/reset-password/",
    "/api/links/",
    "/api/password-resets/",
];

/// The path as the log may show it.
pub fn redacted(path: &str) -> String {
    for prefix in SECRET_AFTER {
        if let Some(rest) = path.strip_prefix(prefix) {
            if rest.is_empty() {
                break;
            }
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            return format!("{prefix}[redacted]{tail}");
        }
    }
    path.to_string()
}

/// The span each request's log lines carry.
pub fn span<B>(request: &Request<B>) -> Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %redacted(request.uri().path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_paths_are_redacted_and_other_paths_kept() {
        let token = "0f3a9c2e7b";
        for (path, shown) in [
            (format!("/link/{token}"), "/link/[redacted]"),
            (
                format!("/reset-password/{token}"),
                "/reset-password/[redacted]",
            ),
            (format!("/api/links/{token}"), "/api/links/[redacted]"),
            (
                format!("/api/password-resets/{token}"),
                "/api/password-resets/[redacted]",
            ),
        ] {
            assert_eq!(redacted(&path), shown);
            assert!(!redacted(&path).contains(token));
        }
        assert_eq!(redacted("/api/password-resets"), "/api/password-resets");
        assert_eq!(redacted("/api/me/modules"), "/api/me/modules");
    }
}
