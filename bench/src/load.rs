//! The load: concurrent signed-in clients submitting a quiz and attesting, over real HTTP.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::LoadClient;
use attest::error::{AppError, AppResult};

/// Latency percentiles of one kind of request, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Latency {
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
}

impl Latency {
    /// Percentiles of a set of timings.
    pub fn of(mut times: Vec<Duration>) -> Latency {
        times.sort();
        let at = |q: f64| {
            let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len().max(1)) - 1;
            times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
        };
        Latency {
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
        }
    }
}

/// One load run's figures.
#[derive(Debug, Clone, Serialize)]
pub struct LoadRun {
    /// Concurrent clients.
    pub clients: usize,
    /// Attestations acknowledged (each after a passed submission).
    pub attestations: usize,
    /// Failed requests.
    pub errors: usize,
    /// Wall time of the run.
    pub seconds: f64,
    /// Attestations per second.
    pub per_second: f64,
    /// Quiz submissions.
    pub submit: Latency,
    /// Attestations.
    pub attest: Latency,
}

/// Runs `clients` concurrent clients, each taking its next `each` prepared attempts from `from`.
pub async fn run(
    http: &reqwest::Client,
    base: &str,
    clients: &[LoadClient],
    from: &[usize],
    each: usize,
) -> AppResult<LoadRun> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, &from) in clients.iter().zip(from) {
        let (http, base, client) = (http.clone(), base.to_string(), client.clone());
        tasks.push(tokio::spawn(async move {
            let mut out = (Vec::new(), Vec::new(), 0usize);
            for attempt in client.attempts.iter().skip(from).take(each) {
                match one(&http, &base, attempt).await {
                    Ok((s, a)) => {
                        out.0.push(s);
                        out.1.push(a);
                    }
                    Err(_) => out.2 += 1,
                }
            }
            out
        }));
    }
    let (mut submits, mut attests, mut errors) = (Vec::new(), Vec::new(), 0);
    for task in tasks {
        let (s, a, e) = task
            .await
            .map_err(|e| AppError::Internal(format!("a load client failed: {e}")))?;
        submits.extend(s);
        attests.extend(a);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(LoadRun {
        clients: clients.len(),
        attestations: attests.len(),
        errors,
        seconds,
        per_second: attests.len() as f64 / seconds.max(1e-9),
        submit: Latency::of(submits),
        attest: Latency::of(attests),
    })
}

/// Submits the right answers and attests: the two requests' times.
async fn one(
    http: &reqwest::Client,
    base: &str,
    attempt: &crate::LoadAttempt,
) -> Result<(Duration, Duration), String> {
    let cookie = format!("attest_session={}", attempt.token);
    let t = Instant::now();
    let res = http
        .post(format!("{base}/api/attempts/{}/submit", attempt.id))
        .header("cookie", &cookie)
        .json(&serde_json::json!({ "answers": attempt.answers }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !res.status().is_success() {
        return Err(format!("submit: {}", res.status()));
    }
    res.bytes().await.map_err(|e| e.to_string())?;
    let submitted = t.elapsed();
    let t = Instant::now();
    let res = http
        .post(format!("{base}/api/attempts/{}/attestation", attempt.id))
        .header("cookie", &cookie)
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !res.status().is_success() {
        return Err(format!("attest: {}", res.status()));
    }
    res.bytes().await.map_err(|e| e.to_string())?;
    Ok((submitted, t.elapsed()))
}

/// The HTTP client every load client shares: the app's CSRF header on every request.
pub fn http_client() -> AppResult<reqwest::Client> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-requested-with",
        reqwest::header::HeaderValue::from_static("attest"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .pool_max_idle_per_host(2_000)
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|e| AppError::Internal(format!("http client: {e}")))
}

/// A page's first response time, and the median of the repeats after it (milliseconds).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct PageTime {
    /// The first GET: standings not yet in the server's memory (unless another page loaded them).
    pub first_ms: f64,
    /// The median of the later GETs: nothing changed, so the server answers from memory.
    pub repeat_ms: f64,
}

/// The first and the median repeat time of `runs` GETs of `path` as the holder of `token`.
pub async fn time_get(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    token: &str,
    runs: usize,
) -> AppResult<PageTime> {
    let mut times = Vec::new();
    for _ in 0..runs.max(2) {
        let t = Instant::now();
        let res = http
            .get(format!("{base}{path}"))
            .header("cookie", format!("attest_session={token}"))
            .send()
            .await
            .map_err(|e| AppError::Internal(format!("GET {path}: {e}")))?;
        let status = res.status();
        res.bytes()
            .await
            .map_err(|e| AppError::Internal(format!("GET {path}: {e}")))?;
        if !status.is_success() {
            return Err(AppError::Internal(format!("GET {path}: {status}")));
        }
        times.push(t.elapsed());
    }
    let first = times.remove(0);
    Ok(PageTime {
        first_ms: first.as_secs_f64() * 1e3,
        repeat_ms: Latency::of(times).p50_ms,
    })
}
