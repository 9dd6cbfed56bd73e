//! Accessibility checks: axe-core (installed from npm by scripts/setup-test.sh) injected into a page.

use std::path::PathBuf;

use serde_json::Value;

use crate::browser::Browser;
use crate::server::workspace;

fn axe_source() -> String {
    let path: PathBuf = workspace().join("tests/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run scripts/setup-test.sh (npm ci --prefix tests)",
            path.display()
        )
    })
}

/// Runs axe-core on the page as it is now: its serious and critical violations.
pub async fn serious_violations(browser: &Browser, page: &str) -> Vec<Value> {
    let c = &browser.client;
    // Evaluated by the driver itself: the page's Content-Security-Policy (rightly)
    // refuses an injected inline <script>, and the check must not weaken it.
    c.execute(
        &format!(
            "if (!window.axe) {{ {} }}\nreturn typeof window.axe;",
            axe_source()
        ),
        vec![],
    )
    .await
    .unwrap();
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }) \
               .then(r => done({ ok: true, violations: r.violations \
                 .filter(v => v.impact === 'serious' || v.impact === 'critical') \
                 .map(v => ({ id: v.id, impact: v.impact, help: v.help, \
                   nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })) })) \
               .catch(e => done({ ok: false, error: String(e) }));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(result["ok"], true, "axe did not run on {page}: {result}");
    result["violations"].as_array().cloned().unwrap_or_default()
}

/// Fails on any serious or critical accessibility violation on the page as it is now.
///
/// Call it once the page has rendered what it is about; `page` names it in the failure.
/// With `ATTEST_E2E_SCREENSHOTS=DIR` set, each checked page is also saved as a PNG.
pub async fn assert_accessible(browser: &Browser, page: &str) {
    if let Ok(dir) = std::env::var("ATTEST_E2E_SCREENSHOTS") {
        let png = browser.client.screenshot().await.unwrap();
        let name: String = page
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png).unwrap();
    }
    let violations = serious_violations(browser, page).await;
    if !violations.is_empty() {
        let mut report = format!(
            "{} serious/critical accessibility violation(s) on {page}:\n",
            violations.len()
        );
        for v in &violations {
            report.push_str(&format!("- [{}] {}: {}\n", v["impact"], v["id"], v["help"]));
            for node in v["nodes"].as_array().into_iter().flatten() {
                report.push_str(&format!("    {}\n", node.as_str().unwrap_or_default()));
            }
        }
        panic!("{report}");
    }
}

/// Checks a page as it is now: no serious accessibility violation, and no wider than the phone.
pub async fn check_page(browser: &Browser, page: &str) {
    assert_accessible(browser, page).await;
    browser.assert_fits_width(page).await;
}
