//! Headless Chromium over WebDriver (Debian's chromium + chromium-driver).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// A chromedriver process and a browser session on it; both end when dropped (chromedriver
/// runs in a process group of its own, so the Chromium it started goes with it).
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Killing chromedriver alone would leave its Chromium processes running.
        if let Ok(id) = i32::try_from(self.driver.id()) {
            let group = nix::unistd::Pid::from_raw(id);
            let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium with a phone-sized window.
    pub async fn start() -> Browser {
        Browser::start_at(375).await
    }

    /// Starts chromedriver and a fresh headless Chromium `width` px wide (375: a phone,
    /// 1280: a laptop).
    pub async fn start_at(width: u32) -> Browser {
        let port = free_port();
        let driver = Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver is installed (apt-get install chromium-driver; scripts/test.sh does it)",
        );
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", format!("--window-size={width},800"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                // Headless Chromium will not open a window narrower than 500 px; emulate the width.
                "mobileEmulation": { "deviceMetrics": { "width": width, "height": 800, "pixelRatio": 1.0 } }
            }),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot start a browser session: {e}"),
            }
        };
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Waits (up to 20 s) for an element and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    /// Types into a field found by CSS selector, replacing what is there.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks the element found by CSS selector.
    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
}

impl Browser {
    /// Sets a field's value as a script would: date inputs take typed keys in the browser's
    /// locale order, so tests set them directly.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).value = arguments[1];",
                vec![serde_json::json!(css), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Waits (up to 20 s) until the element's text contains `wanted`, and returns the text.
    pub async fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(wanted) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} never contained {wanted:?}; last text: {last:?}");
    }

    /// Waits (up to 20 s) for the page's path to equal `path`.
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        while Instant::now() < deadline {
            let url = self.client.current_url().await.unwrap();
            if url.path() == path {
                return;
            }
            last = url.to_string();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("never reached {path}; still at {last}");
    }

    /// Focuses the element found by CSS selector and presses keys on it (the keyboard path).
    pub async fn press(&self, css: &str, keys: &str) {
        let el = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"));
        el.send_keys(keys).await.unwrap();
    }

    /// An attribute of the element found by CSS selector.
    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
            .attr(name)
            .await
            .unwrap()
            .unwrap_or_default()
    }
}

impl Browser {
    /// Waits (up to 20 s) until the focused element has this id.
    pub async fn wait_for_focus(&self, id: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = serde_json::Value::Null;
        while Instant::now() < deadline {
            last = self
                .client
                .execute(
                    "const a = document.activeElement; return a ? a.tagName + '#' + a.id : '';",
                    vec![],
                )
                .await
                .unwrap();
            if last
                .as_str()
                .is_some_and(|s| s.ends_with(&format!("#{id}")))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("focus never reached #{id}; it is on {last}");
    }

    /// Fails if the page is wider than its viewport (sideways scrolling on a phone).
    pub async fn assert_fits_width(&self, page: &str) {
        let widths = self
            .client
            .execute(
                "return [window.innerWidth, document.documentElement.scrollWidth];",
                vec![],
            )
            .await
            .unwrap();
        let (viewport, content) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
        assert!(
            content <= viewport,
            "{page} is {content} px wide in a {viewport} px window"
        );
    }
}
