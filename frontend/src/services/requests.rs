//! The one place HTTP happens: status codes become a typed [`ApiFailure`].

use attest_domain::api::ApiError;
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
            ApiFailure::Unauthorized(m) | ApiFailure::NotFound(m) | ApiFailure::Other(m) => {
                m.clone()
            }
            ApiFailure::Network => {
                "We couldn't reach Attest. Check your connection and try again.".into()
            }
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
    let message = match response.json::<ApiError>().await {
        Ok(err) => err.message,
        Err(_) => format!("The server answered {}.", response.status()),
    };
    Err(match response.status() {
        401 => ApiFailure::Unauthorized(message),
        403 | 404 => ApiFailure::NotFound(message),
        _ => ApiFailure::Other(message),
    })
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    response
        .json::<T>()
        .await
        .map_err(|e| ApiFailure::Other(format!("Unexpected answer from the server: {e}")))
}

/// `GET` a JSON resource.
pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    read(send(mark(Request::get(url)).build()).await?).await
}

/// `POST` a JSON body and read a JSON answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiFailure> {
    read(send(mark(Request::post(url)).json(body)).await?).await
}

/// `PUT` a JSON body and read a JSON answer.
pub async fn put<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiFailure> {
    read(send(mark(Request::put(url)).json(body)).await?).await
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
    read(send(request).await?).await
}

/// `POST` raw bytes and read the JSON answer even when it is a 422 refusal with details.
pub async fn post_bytes_detailed<T: DeserializeOwned>(
    url: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<T, ApiFailure> {
    let body = js_sys::Uint8Array::from(bytes);
    let request = mark(Request::post(url))
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|e| ApiFailure::Other(e.to_string()))?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    match response.status() {
        200..=299 | 422 => read(response).await,
        401 => Err(ApiFailure::Unauthorized(
            "please sign in to continue".into(),
        )),
        403 | 404 => Err(ApiFailure::NotFound("not found".into())),
        other => Err(ApiFailure::Other(format!("The server answered {other}."))),
    }
}

/// `POST` a JSON body, expecting no body back.
pub async fn post_no_content<B: Serialize>(url: &str, body: &B) -> Result<(), ApiFailure> {
    send(mark(Request::post(url)).json(body)).await.map(|_| ())
}
