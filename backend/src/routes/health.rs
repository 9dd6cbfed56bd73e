//! `GET /healthz`: the server is up and its database answers.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::error::AppResult;
use crate::on_db;
use crate::state::AppState;

/// Answers 200 when the database answers a trivial query.
pub async fn get_health(State(state): State<AppState>) -> AppResult<Json<Value>> {
    let (one,): (i64,) = on_db!(state.db, |e| sqlx::query_as("SELECT CAST(1 AS BIGINT)")
        .fetch_one(e)
        .await)?;
    Ok(Json(json!({ "status": "ok", "database": one == 1 })))
}
