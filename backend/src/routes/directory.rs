//! `/api/directory/start` and `/api/directory/callback`: signing in through a school's own
//! directory. Both are browser navigations, so both answer with a redirect: to the directory,
//! into the app, or back to the sign-in page with the reason (`?directory=…`).

use attest_domain::api::DirectoryRefusal;
use axum::extract::{Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use serde::Deserialize;

use crate::auth::oidc::flow::{self, LIFETIME};
use crate::auth::session;
use crate::auth::two_factor::challenge;
use crate::error::AppResult;
use crate::routes::session::start_session;
use crate::state::AppState;

/// The cookie that binds a directory sign-in to the browser that started it.
const STATE_COOKIE: &str = "attest_directory";

/// `GET /api/directory/start`: who is signing in.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StartQuery {
    /// The email address typed; its domain picks the directory.
    pub email: String,
}

/// `GET /api/directory/callback`: the directory's answer.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code.
    pub code: Option<String>,
    /// The state sent at the start.
    pub state: Option<String>,
    /// The directory's error, when it did not sign the person in.
    pub error: Option<String>,
}

fn state_cookie(state: Option<&str>, secure: bool) -> (HeaderName, HeaderValue) {
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = match state {
        Some(s) => (s, LIFETIME.num_seconds()),
        None => ("", 0),
    };
    let cookie = format!(
        "{STATE_COOKIE}={value}; HttpOnly; SameSite=Lax; Path=/api/directory; Max-Age={age}{secure}"
    );
    // The state is URL-safe base64, so the header value is always valid.
    (
        SET_COOKIE,
        HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("")),
    )
}

fn see_other(to: &str, cookies: Vec<(HeaderName, HeaderValue)>) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/signin"));
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location)],
        AppendHeaders(cookies),
    )
        .into_response()
}

fn back_to_sign_in(refusal: DirectoryRefusal, secure: bool) -> Response {
    let to = format!("/signin?directory={}", refusal.as_str());
    see_other(&to, vec![state_cookie(None, secure)])
}

/// Sends the browser to the school's directory (or back to sign-in, saying why not).
#[utoipa::path(
    get,
    path = "/directory/start",
    tag = "session",
    security(()),
    params(StartQuery),
    responses((status = 303, description = "To the directory, or back to /signin?directory=<reason>"))
)]
pub async fn start_directory_sign_in(
    State(state): State<AppState>,
    Query(query): Query<StartQuery>,
) -> AppResult<Response> {
    let (now, secure) = (state.clock.now(), state.settings.secure_cookies);
    let public_url = &state.settings.reminders.public_url;
    Ok(
        match flow::begin(&state.db, &query.email, public_url, now).await? {
            Ok(departure) => see_other(
                &departure.url,
                vec![state_cookie(Some(&departure.state), secure)],
            ),
            Err(refusal) => back_to_sign_in(refusal, secure),
        },
    )
}

/// Completes a directory sign-in: into the app signed in (or to the two-factor code), or
/// back to sign-in saying why not.
#[utoipa::path(
    get,
    path = "/directory/callback",
    tag = "session",
    security(()),
    params(CallbackQuery),
    responses((status = 303, description = "Into the app signed in, to /signin#challenge=… for a two-factor code, or to /signin?directory=<reason>"))
)]
pub async fn finish_directory_sign_in(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (now, secure) = (state.clock.now(), state.settings.secure_cookies);
    let (Some(code), Some(returned), None) = (&query.code, &query.state, &query.error) else {
        return Ok(back_to_sign_in(DirectoryRefusal::Cancelled, secure));
    };
    let bound = session::cookie_value(&headers, STATE_COOKIE);
    let public_url = &state.settings.reminders.public_url;
    let finished = flow::finish(&state.db, returned, bound.as_deref(), code, public_url, now);
    let person_id = match finished.await? {
        Ok(person_id) => person_id,
        Err(refusal) => return Ok(back_to_sign_in(refusal, secure)),
    };
    // The directory stands for the password: two-factor sign-in still asks for the code. The
    // challenge goes in the fragment, which browsers never send to a server.
    if let Some(asked) = challenge::begin(&state.db, &person_id, now).await? {
        let to = format!("/signin#challenge={}", asked.challenge);
        return Ok(see_other(&to, vec![state_cookie(None, secure)]));
    }
    let (cookie, _) = start_session(&state, &headers, &person_id, now).await?;
    Ok(see_other("/", vec![state_cookie(None, secure), cookie]))
}
