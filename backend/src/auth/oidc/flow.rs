//! The authorization-code flow: off to the directory with PKCE, state and nonce; back with a
//! code, exchanged for an ID token the crate verifies.

use attest_domain::api::DirectoryRefusal;
use chrono::{DateTime, Duration, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::reqwest;
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};

use super::matching::{person_of_place, vouched_email};
use super::providers::{self, Provider};
use crate::auth::session::token_hash;
use crate::db::ids::{parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// How long the person may take at the directory.
pub const LIFETIME: Duration = Duration::minutes(10);

/// The path the directory sends the browser back to.
pub const CALLBACK_PATH: &str = "/api/directory/callback";

/// A client configured from the directory's discovery document.
type Oidc = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// An HTTP client that never follows redirects (the crate's advice: no SSRF through them).
fn http() -> AppResult<reqwest::Client> {
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| AppError::Internal(format!("directory HTTP client: {e}")))
}

/// Reads the directory's discovery document; `None` (logged) when it cannot be reached.
async fn client(provider: &Provider, public_url: &str, http: &reqwest::Client) -> Option<Oidc> {
    let issuer = IssuerUrl::new(provider.issuer.clone()).ok()?;
    let redirect = RedirectUrl::new(format!(
        "{}{CALLBACK_PATH}",
        public_url.trim_end_matches('/')
    ))
    .ok()?;
    match CoreProviderMetadata::discover_async(issuer, http).await {
        Ok(metadata) => Some(
            CoreClient::from_provider_metadata(
                metadata,
                ClientId::new(provider.client_id.clone()),
                Some(ClientSecret::new(provider.client_secret.clone())),
            )
            .set_redirect_uri(redirect),
        ),
        Err(e) => {
            tracing::warn!(issuer = %provider.issuer, error = %e, "directory discovery failed");
            None
        }
    }
}

/// Where to send the browser, and the state to bind to it (in a cookie).
#[derive(Debug)]
pub struct Departure {
    /// The directory's authorization address with this request's parameters.
    pub url: String,
    /// The state, also a parameter of `url`.
    pub state: String,
}

/// Starts a directory sign-in for the email typed; a refusal when no directory speaks for
/// its domain or the directory cannot be reached.
pub async fn begin(
    db: &Db,
    email: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<Result<Departure, DirectoryRefusal>> {
    let Some(provider) = providers::for_email(db, email).await? else {
        return Ok(Err(DirectoryRefusal::NotOffered));
    };
    let Some(client) = client(&provider, public_url, &http()?).await else {
        return Ok(Err(DirectoryRefusal::Unreachable));
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .add_extra_param("login_hint", email.trim())
        .url();
    on_db!(db, |e| sqlx::query(
        "DELETE FROM directory_sign_ins WHERE expires_at <= $1"
    )
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(db, |e| {
        sqlx::query(
        "INSERT INTO directory_sign_ins (state_hash, provider_id, nonce, pkce_verifier, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(state.secret()))
    .bind(&provider.id)
    .bind(nonce.secret())
    .bind(verifier.secret())
    .bind(time_text(now + LIFETIME))
    .execute(e).await.rows_affected()
    })?;
    Ok(Ok(Departure {
        url: url.to_string(),
        state: state.secret().clone(),
    }))
}

/// provider id, nonce, PKCE verifier, expires at.
type Pending = (String, String, String, String);

/// Completes a directory sign-in: the person's id, or why not. `bound` is the state the
/// browser's cookie carries; it must be the one the directory returned.
pub async fn finish(
    db: &Db,
    state: &str,
    bound: Option<&str>,
    code: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<Result<String, DirectoryRefusal>> {
    if bound != Some(state) {
        return Ok(Err(DirectoryRefusal::Expired));
    }
    // Taken in one statement: a replayed answer (same state, same code) finds nothing.
    let pending: Option<Pending> = on_db!(db, |e| sqlx::query_as(
        "DELETE FROM directory_sign_ins WHERE state_hash = $1 \
         RETURNING provider_id, nonce, pkce_verifier, expires_at",
    )
    .bind(token_hash(state))
    .fetch_optional(e)
    .await)?;
    let Some((provider_id, nonce, verifier, expires_at)) = pending else {
        return Ok(Err(DirectoryRefusal::Expired));
    };
    if parse_time(&expires_at).is_none_or(|at| at <= now) {
        return Ok(Err(DirectoryRefusal::Expired));
    }
    let Some(provider) = providers::by_id(db, &provider_id).await? else {
        return Ok(Err(DirectoryRefusal::Expired));
    };
    let http = http()?;
    let Some(client) = client(&provider, public_url, &http).await else {
        return Ok(Err(DirectoryRefusal::Unreachable));
    };
    let Ok(request) = client.exchange_code(AuthorizationCode::new(code.to_string())) else {
        return Ok(Err(DirectoryRefusal::Refused));
    };
    let tokens = match request
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
    {
        Ok(tokens) => tokens,
        Err(e) => {
            tracing::warn!(issuer = %provider.issuer, error = %e, "directory refused the code");
            return Ok(Err(DirectoryRefusal::Refused));
        }
    };
    let Some(id_token) = tokens.id_token() else {
        return Ok(Err(DirectoryRefusal::Refused));
    };
    // Signature, issuer, audience, expiry and nonce, checked by the crate.
    let claims = match id_token.claims(&client.id_token_verifier(), &Nonce::new(nonce)) {
        Ok(claims) => claims,
        Err(e) => {
            tracing::warn!(issuer = %provider.issuer, error = %e, "directory ID token refused");
            return Ok(Err(DirectoryRefusal::Refused));
        }
    };
    let email = claims.email().map(|e| e.as_str());
    let email = match vouched_email(email, claims.email_verified(), &provider.email_domains) {
        Ok(email) => email,
        Err(refusal) => return Ok(Err(refusal)),
    };
    Ok(person_of_place(db, &provider, &email)
        .await?
        .ok_or(DirectoryRefusal::Unknown))
}
