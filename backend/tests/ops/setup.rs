//! A school that starts on its own: `attest serve --no-demo` on an empty database prints a
//! one-time set-up address; `attest admin` does the same from a script.

use std::time::{Duration, Instant};

use crate::driver::client;
use crate::process::{attest, Serving};

/// The token after `#` in the line the server printed, waiting for it.
fn printed_token(server: &Serving) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let lines = server.printed.lock().unwrap().clone();
        if let Some(line) = lines.iter().find(|l| l.starts_with("Set up Attest at ")) {
            return line.rsplit_once('#').unwrap().1.to_string();
        }
        assert!(Instant::now() < deadline, "no set-up line in {lines:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_server_is_set_up_once_with_the_printed_token() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start_with(data.path(), &["--no-demo"]);
    let token = printed_token(&server);
    let http = client();
    let form = |token: &str| {
        serde_json::json!({
            "token": token, "trust_name": "Oak Learning Trust",
            "schools": ["Oak Primary", "Ash Academy"],
            "admin_name": "Siân O'Brien", "admin_email": "sian@oak.example",
            "admin_password": "a long enough password"
        })
    };
    let url = format!("{}/api/setup", server.base);
    let wrong = http
        .post(&url)
        .json(&form("not-the-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let done = http.post(&url).json(&form(&token)).send().await.unwrap();
    assert_eq!(done.status(), 201, "{}", done.text().await.unwrap());
    let again = http.post(&url).json(&form(&token)).send().await.unwrap();
    assert_eq!(again.status(), 404);

    // The administrator signs in and manages both schools of the trust.
    let signed = http
        .post(format!("{}/api/session", server.base))
        .json(&serde_json::json!({ "email": "sian@oak.example", "password": "a long enough password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 200);
    let scope: serde_json::Value = http
        .get(format!("{}/api/manage", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = scope.to_string();
    assert!(
        text.contains("Oak Primary")
            && text.contains("Ash Academy")
            && text.contains("Oak Learning Trust"),
        "{text}"
    );
    // No demo trust was loaded.
    assert!(!text.contains("Demo Schools Trust"), "{text}");
    // The set-up is the first line of the trust's audit log, by the administrator it made.
    let trust = scope["trusts"][0]["id"].as_str().unwrap();
    let log: serde_json::Value = http
        .get(format!("{}/api/trusts/{trust}/audit", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = &log[0];
    assert_eq!(first["action"], "organisation_changed", "{log}");
    assert_eq!(first["actor_name"], "Siân O'Brien", "{log}");
    let detail = first["detail"].as_str().unwrap();
    assert!(
        detail.contains("Oak Learning Trust") && detail.contains("Ash Academy"),
        "{detail}"
    );
}

#[test]
fn attest_admin_creates_a_trust_a_school_and_its_manager() {
    let data = tempfile::tempdir().unwrap();
    let (ok, trust) = attest(&["admin", "create-trust", "Elm Trust"], data.path());
    assert!(ok, "{trust}");
    let trust = trust.trim().to_string();
    let (ok, school) = attest(
        &["admin", "create-school", "Elm Infants", "--trust", &trust],
        data.path(),
    );
    assert!(ok, "{school}");
    let school = school.trim().to_string();
    let (ok, out) = attest(
        &[
            "admin",
            "grant",
            "head@elm.example",
            "school-manager",
            "--school",
            &school,
            "--name",
            "Robin Head",
        ],
        data.path(),
    );
    assert!(ok, "{out}");
    let (ok, out) = attest(
        &["admin", "rename-school", &school, "Elm Infant School"],
        data.path(),
    );
    assert!(ok, "{out}");
    let (ok, list) = attest(&["admin", "list"], data.path());
    assert!(ok, "{list}");
    assert!(list.contains(&format!("trust {trust} Elm Trust")), "{list}");
    assert!(
        list.contains(&format!("  school {school} Elm Infant School")),
        "{list}"
    );
    // A school that does not exist, and a role without its place, are refused.
    let (ok, out) = attest(
        &[
            "admin",
            "grant",
            "x@elm.example",
            "school-manager",
            "--school",
            "nope",
            "--name",
            "X",
        ],
        data.path(),
    );
    assert!(!ok && out.contains("school"), "{out}");
    let (ok, out) = attest(
        &[
            "admin",
            "grant",
            "x@elm.example",
            "trust-manager",
            "--name",
            "X",
        ],
        data.path(),
    );
    assert!(!ok && out.contains("--trust"), "{out}");
    let (ok, out) = attest(
        &[
            "admin",
            "revoke",
            "head@elm.example",
            "school-manager",
            "--school",
            &school,
        ],
        data.path(),
    );
    assert!(ok, "{out}");
    let (ok, out) = attest(
        &[
            "admin",
            "revoke",
            "head@elm.example",
            "school-manager",
            "--school",
            &school,
        ],
        data.path(),
    );
    assert!(!ok, "{out}");
}
