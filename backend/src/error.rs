//! The backend's one error type and its mapping to HTTP responses.

use attest_domain::api::{ApiError, TWO_FACTOR_REQUIRED};
use attest_domain::DomainError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use thiserror::Error;

/// Everything a request or a verb can fail with.
#[derive(Debug, Error)]
pub enum AppError {
    /// 401: no valid session, or sign-in refused (one generic message for every cause).
    #[error("{0}")]
    Unauthorized(&'static str),
    /// 403: signed in, but this is not yours to see or change.
    #[error("you do not have access to this")]
    Forbidden,
    /// 403 with the reason in words: signed in and in reach, but the caller's role does not
    /// allow this (a role above their own, closing a school as its head).
    #[error("{0}")]
    NotYourRole(&'static str),
    /// 403 with the code `two_factor_required`: a place this manager manages requires
    /// two-factor sign-in and they have not set it up yet.
    #[error("set up two-factor sign-in before you manage this school or trust")]
    TwoFactorRequired,
    /// 403: a state-changing request without the app's CSRF header.
    #[error("this request did not come from the Attest app; reload the page and try again")]
    CsrfRejected,
    /// 404: nothing by that id (also for ids that exist but belong to someone else's school).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409: the request conflicts with what is stored (a replayed attempt, a duplicate).
    #[error("{0}")]
    Conflict(String),
    /// 422: the request is well-formed but breaks a rule.
    #[error("{0}")]
    Unprocessable(String),
    /// 429: too many attempts; try again later.
    #[error("{0}")]
    TooManyRequests(String),
    /// 422 (or a CLI failure): the domain refused the input.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// 500: the database failed; details go to the log only.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// 500: the migrations failed.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// 500: a file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// 500: anything else unexpected; details go to the log only.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden
            | AppError::NotYourRole(_)
            | AppError::CsrfRejected
            | AppError::TwoFactorRequired => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unprocessable(_) | AppError::Domain(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Database(_)
            | AppError::Migrate(_)
            | AppError::Io(_)
            | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            // Internal text stays in the log; the client gets a generic message.
            tracing::error!(error = %self, "request failed");
            "something went wrong on our side; please try again".to_string()
        } else {
            self.to_string()
        };
        let code = matches!(self, AppError::TwoFactorRequired).then(|| TWO_FACTOR_REQUIRED.into());
        let body = ApiError {
            status: status.as_u16(),
            message,
            code,
        };
        (status, Json(body)).into_response()
    }
}

/// Turns unique-constraint violations into 409 without ad-hoc matches in handlers.
pub trait ResultExt<T> {
    /// Maps a unique violation to `AppError::Conflict(message)`.
    fn on_unique_violation(self, message: &str) -> Result<T, AppError>;
}

impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn on_unique_violation(self, message: &str) -> Result<T, AppError> {
        self.map_err(|err| match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                AppError::Conflict(message.to_string())
            }
            _ => AppError::Database(err),
        })
    }
}

impl<T> ResultExt<T> for AppResult<T> {
    fn on_unique_violation(self, message: &str) -> Result<T, AppError> {
        self.or_else(|err| match err {
            AppError::Database(err) => Err(err).on_unique_violation(message),
            other => Err(other),
        })
    }
}

/// The result type of handlers and verbs.
pub type AppResult<T> = Result<T, AppError>;
