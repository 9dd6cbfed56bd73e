//! The one place HTTP happens: status codes become a typed [`ApiFailure`].

use attest_domain::api::{sentence, ApiError, TWO_FACTOR_REQUIRED};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a call to the API failed, in terms the pages act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// 401: not signed in, session expired, or credentials refused (message from the server).
    Unauthorized(String),
    /// 403/404: not there, or not yours.
    NotFound(String),
    /// The server could not be reached.
    Network,
    /// Any other refusal, with the server's message.
    Other(String),
}

impl ApiFailure {
    /// A message fit to show on the page.
    pub fn message(&self) -> String {
        match self {
            // Server messages are written for logs too ("describe the situation …"):
            // shown as sentences.
            ApiFailure::Unauthorized(m) | ApiFailure::NotFound(m) | ApiFailure::Other(m) => {
                sentence(m)
            }
            ApiFailure::Network => {
                "We couldn't reach Attest. Check your connection and try again.".into()
            }
        }
    }
}

/// Where a manager sets up two-factor sign-in.
pub const TWO_FACTOR_PAGE: &str = "/two-factor";

/// A place the manager manages requires two-factor sign-in and they have not set it up: before
/// anything else they go to set it up (a full load, so every page's state starts afresh).
fn send_to_enrol() {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        if location.pathname().ok().as_deref() != Some(TWO_FACTOR_PAGE) {
            let _ = location.assign(TWO_FACTOR_PAGE);
        }
    }
}

// Marks requests as the app's own; the server refuses state changes without it (CSRF).
fn mark(builder: RequestBuilder) -> RequestBuilder {
    builder.header("X-Requested-With", "attest")
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiFailure> {
    let request = request.map_err(|e| ApiFailure::Other(e.to_string()))?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let (message, code) = match response.json::<ApiError>().await {
        Ok(err) => (err.message, err.code),
        Err(_) => (format!("The server answered {}.", response.status()), None),
    };
    if code.as_deref() == Some(TWO_FACTOR_REQUIRED) {
        send_to_enrol();
    }
    Err(match response.status() {
        401 => ApiFailure::Unauthorized(message),
        403 | 404 => ApiFailure::NotFound(message),
        _ => ApiFailure::Other(message),
    })
}

// The async parts (send, read the body) are not generic: each answer type adds only its
// parser below, not another copy of the request's state machine (the WASM's size).
async fn send_for_text(request: Result<Request, gloo_net::Error>) -> Result<String, ApiFailure> {
    send(request)
        .await?
        .text()
        .await
        .map_err(|e| ApiFailure::Other(format!("Unexpected answer from the server: {e}")))
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiFailure> {
    serde_json::from_str(text)
        .map_err(|e| ApiFailure::Other(format!("Unexpected answer from the server: {e}")))
}

/// `GET` a JSON resource.
pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    parse(&send_for_text(mark(Request::get(url)).build()).await?)
}

/// `POST` a JSON body and read a JSON answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiFailure> {
    parse(&send_for_text(mark(Request::post(url)).json(body)).await?)
}

/// `PUT` a JSON body and read a JSON answer.
pub async fn put<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiFailure> {
    parse(&send_for_text(mark(Request::put(url)).json(body)).await?)
}

/// `DELETE` a resource, expecting no body back.
pub async fn delete(url: &str) -> Result<(), ApiFailure> {
    send(mark(Request::delete(url)).build()).await.map(|_| ())
}

/// `POST` raw bytes (an uploaded file) and read a JSON answer.
pub async fn post_bytes<T: DeserializeOwned>(
    url: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<T, ApiFailure> {
    let body = js_sys::Uint8Array::from(bytes);
    let request = mark(Request::post(url))
        .header("Content-Type", content_type)
        .body(body);
    parse(&send_for_text(request).await?)
}

/// `POST` a JSON body, expecting no body back.
pub async fn post_no_content<B: Serialize>(url: &str, body: &B) -> Result<(), ApiFailure> {
    send(mark(Request::post(url)).json(body)).await.map(|_| ())
}

/// Bytes sent so far and in all, reported while an upload is under way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UploadProgress {
    /// Bytes sent.
    pub sent: f64,
    /// Bytes in all.
    pub total: f64,
}

/// `POST` raw bytes over `XMLHttpRequest`, so that the upload's progress can be shown (fetch
/// reports none; `on_progress` hears each step), and read the JSON answer even when it is a
/// 422 refusal with details.
pub async fn post_bytes_with_progress<T: DeserializeOwned>(
    url: &str,
    content_type: &str,
    bytes: &[u8],
    on_progress: impl Fn(UploadProgress) + 'static,
) -> Result<T, ApiFailure> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let failed = |e: wasm_bindgen::JsValue| ApiFailure::Other(format!("{e:?}"));
    let xhr = web_sys::XmlHttpRequest::new().map_err(failed)?;
    xhr.open_with_async("POST", url, true).map_err(failed)?;
    xhr.set_request_header("X-Requested-With", "attest")
        .map_err(failed)?;
    xhr.set_request_header("Content-Type", content_type)
        .map_err(failed)?;
    // Kept alive until the request is over; dropping it earlier would detach the handler.
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                on_progress(UploadProgress {
                    sent: e.loaded(),
                    total: e.total(),
                });
            }
        });
    xhr.upload()
        .map_err(failed)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let finished = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_u8_array(Some(bytes)).map_err(failed)?;
    let outcome = wasm_bindgen_futures::JsFuture::from(finished).await;
    drop(progress);
    outcome.map_err(|_| ApiFailure::Network)?;
    let status = xhr.status().map_err(failed)?;
    let text = xhr.response_text().map_err(failed)?.unwrap_or_default();
    let message = || {
        serde_json::from_str::<ApiError>(&text)
            .map(|e| e.message)
            .unwrap_or_else(|_| format!("The server answered {status}."))
    };
    match status {
        200..=299 => serde_json::from_str(&text)
            .map_err(|e| ApiFailure::Other(format!("Unexpected answer from the server: {e}"))),
        // A refusal with details (per-line errors, unconfirmed leavers), or a plain one.
        409 | 422 => serde_json::from_str(&text).map_err(|_| ApiFailure::Other(message())),
        401 => Err(ApiFailure::Unauthorized(message())),
        403 | 404 => Err(ApiFailure::NotFound(message())),
        _ => Err(ApiFailure::Other(message())),
    }
}
