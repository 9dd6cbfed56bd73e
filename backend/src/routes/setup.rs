//! `POST /api/setup`: the first-start set-up (see [`crate::admin::setup`]).

use attest_domain::api::{Accepted, ApiError, AuditAction, SetupRequest};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::admin::setup::set_up;
use crate::audit::{self, Change, Scope};
use crate::client::ClientAddr;
use crate::error::{AppError, AppResult};
use crate::manage::access::load_manager;
use crate::state::AppState;

/// Creates the first trust or school and its administrator, with the console's token.
#[utoipa::path(
    post,
    path = "/setup",
    tag = "admin",
    request_body = SetupRequest,
    responses(
        (status = 201, description = "Set up: the administrator may sign in", body = Accepted),
        (status = 403, description = "Not the token the server printed", body = ApiError),
        (status = 404, description = "Nothing to set up", body = ApiError),
        (status = 409, description = "Already set up", body = ApiError),
        (status = 422, description = "The form is not complete", body = ApiError),
    )
)]
pub async fn create_setup(
    State(state): State<AppState>,
    client: Result<ClientAddr, AppError>,
    Json(request): Json<SetupRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let now = state.clock.now();
    let made = set_up(&state.db, &state.settings.setup, &request, now).await?;
    // The set-up is the first line of the audit log, as the administrator it made.
    let mut admin = load_manager(&state.db, &made.admin_id).await?;
    admin.from = client.ok().map(|ClientAddr(ip)| ip);
    let scope = match (&made.trust_id, made.school_ids.first()) {
        (Some(trust), _) => Scope::Trust(trust),
        (None, Some(school)) => Scope::School(school),
        (None, None) => return Err(AppError::Internal("a set-up made no school".into())),
    };
    let detail = format!(
        "set up Attest: {}{} school(s): {}; first administrator {} <{}>",
        request
            .trust_name
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| format!("the trust {t} with "))
            .unwrap_or_default(),
        made.school_ids.len(),
        request.schools.join(", "),
        request.admin_name,
        request.admin_email
    );
    let change = Change {
        action: AuditAction::OrganisationChanged,
        scope,
        target: None,
        detail,
    };
    let mut conn = state.db.pool.acquire().await?;
    audit::record(&mut conn, &admin, change, now).await?;
    let message = "Attest is set up. Sign in with the administrator's email and password.".into();
    Ok((StatusCode::CREATED, Json(Accepted { message })))
}
