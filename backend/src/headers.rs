//! Security headers: a strict Content-Security-Policy that still runs the WASM app.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The CSP for an app whose index page is `index_html`.
///
/// Trunk's loader is an inline module script; rather than allow inline script in
/// general, the policy allows exactly the inline scripts the built page contains,
/// by hash. `'wasm-unsafe-eval'` lets the page compile WebAssembly and nothing more.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|body| {
            let digest = Sha256::digest(body.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements that have no `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let csp = content_security_policy(
            "<head><script type=\"module\">init();</script><script src=\"/a.js\"></script></head>",
        );
        // sha256("init();") in base64.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn without_a_built_page_no_inline_script_is_allowed() {
        assert!(!content_security_policy("").contains("sha256"));
    }
}
