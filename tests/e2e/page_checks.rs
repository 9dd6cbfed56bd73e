//! Checks of a page as it is now that several tests share: scroll boxes, dates and counts.

use crate::browser::Browser;

/// Fails unless every scroll box is a tab stop with a name exactly when it scrolls.
pub async fn assert_scroll_boxes(browser: &Browser, page: &str) {
    // Give the boxes' size checks a moment to run after the page has rendered.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let wrong = browser
            .client
            .execute(
                "return [...document.querySelectorAll('.scroll')] \
                   .filter(b => (b.scrollWidth > b.clientWidth) !== \
                     (b.getAttribute('tabindex') === '0' && b.getAttribute('role') === 'region' && !!b.getAttribute('aria-label'))) \
                   .map(b => b.outerHTML.slice(0, 120));",
                vec![],
            )
            .await
            .unwrap();
        if wrong.as_array().is_some_and(|w| w.is_empty()) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{page}: scroll boxes that are tab stops without scrolling, or scroll without being one: {wrong}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// No `2026-09-01` or `2026-09-01T09:00:00Z` in the page's text.
pub async fn assert_no_iso_dates(browser: &Browser, page: &str) {
    let text = browser.text_of("main").await;
    let digit = |b: &u8| b.is_ascii_digit();
    let iso = text.as_bytes().windows(10).any(|w| {
        w[..4].iter().all(digit)
            && w[4] == b'-'
            && w[5..7].iter().all(digit)
            && w[7] == b'-'
            && w[8..].iter().all(digit)
    });
    assert!(!iso, "{page} shows an ISO date: {text}");
    for wrong in ["1 people", "(1 tries)", "1 records"] {
        assert!(!text.contains(wrong), "{page} says {wrong:?}: {text}");
    }
}

/// Fails unless each status bar's neighbouring segments differ in pattern, not colour alone:
/// every status has its own pattern in the legend (so no empty status between two others can
/// leave two alike touching), and each segment drawn has its status's pattern. Returns how
/// many pairs of neighbouring segments it compared.
pub async fn assert_chart_patterns(browser: &Browser, page: &str) -> usize {
    // A segment as [its status's class, the pattern over it or "plain"].
    let segment = "const seg = s => { const o = s.querySelector('rect + rect'); \
                     return [s.querySelector('rect').classList[1], o ? o.getAttribute('fill') : 'plain']; };";
    let read = |script: String| async move {
        let value = browser.client.execute(&script, vec![]).await.unwrap();
        serde_json::from_value::<Vec<Vec<(String, String)>>>(value).unwrap()
    };
    let legend = read(format!(
        "{segment} return [[...document.querySelectorAll('.legend .swatch g.segment')].map(seg)];"
    ))
    .await
    .remove(0);
    let mut patterns: Vec<&str> = legend.iter().map(|(_, p)| p.as_str()).collect();
    patterns.sort_unstable();
    patterns.dedup();
    assert!(
        legend.len() >= 7 && patterns.len() == legend.len(),
        "{page}: statuses share a pattern: {legend:?}"
    );
    let bars = read(format!(
        "{segment} return [...document.querySelectorAll('svg.bar-chart > g')] \
           .map(bar => [...bar.querySelectorAll('g.segment')].map(seg));"
    ))
    .await;
    assert!(
        bars.iter().any(|b| !b.is_empty()),
        "{page}: no segments drawn"
    );
    for drawn in bars.iter().flatten() {
        assert!(
            legend.contains(drawn),
            "{page}: {drawn:?} is not as the legend: {legend:?}"
        );
    }
    let neighbours: Vec<_> = bars.iter().flat_map(|b| b.windows(2)).collect();
    for pair in &neighbours {
        assert_ne!(
            pair[0].1, pair[1].1,
            "{page}: neighbouring segments alike: {bars:?}"
        );
    }
    neighbours.len()
}
