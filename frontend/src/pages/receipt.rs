//! A printable receipt of one attestation, with the code anyone can verify.

use attest_domain::api::long_date;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
use crate::services::clock::date_time;
use crate::services::modules;

/// Props of [`ReceiptPage`].
#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    /// The attestation's id.
    pub id: String,
}

/// Shows the signed statement and its evidence.
#[function_component(ReceiptPage)]
pub fn receipt_page(props: &ReceiptProps) -> Html {
    let _ = use_signed_in();
    let load = use_fetch(props.id.clone(), |id: String| async move {
        modules::receipt(&id).await
    });
    let Load::Loaded(r) = &*load else {
        return placeholder(&*load, "your receipt");
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <article class="panel receipt" aria-labelledby="receipt-title">
            <h1 id="receipt-title">{ "Attestation receipt" }</h1>
            <blockquote class="statement">{ &r.statement }</blockquote>
            <dl class="facts">
                <dt>{ "Verification code" }</dt><dd id="receipt-code" class="code">{ &r.code }</dd>
                <dt>{ "Signed" }</dt><dd>{ date_time(&r.attested_at) }</dd>
                <dt>{ "Valid until" }</dt><dd id="receipt-expires">{ long_date(r.expires) }</dd>
                <dt>{ "Quiz score" }</dt><dd>{ format!("{} of {}", r.score, r.total) }</dd>
                <dt>{ "Policy" }</dt><dd>{ format!("{}, version {} ({})", r.policy_title, r.version_label, r.school_name) }</dd>
            </dl>
            <details class="technical">
                <summary>{ "Technical details" }</summary>
                <p class="meta">{ "Fingerprints that tie this receipt to the exact policy text and to the school's chain of records." }</p>
                <dl class="facts">
                    <dt>{ "Policy text SHA-256" }</dt><dd class="hash">{ &r.text_sha256 }</dd>
                    <dt>{ "Record hash" }</dt><dd class="hash">{ &r.hash }</dd>
                </dl>
            </details>
            <p>
                { "Anyone can check this receipt at " }
                <Link<Route> to={Route::Verify { code: r.code.clone() }}>{ format!("{}/verify/{}", origin(), r.code) }</Link<Route>>
            </p>
            <p class="no-print">
                <button type="button" class="secondary" onclick={onprint}>{ "Print" }</button>
                { " " }
                <Link<Route> to={Route::Training}>{ "Back to My training" }</Link<Route>>
            </p>
        </article>
    }
}

/// The site's address, so a printed receipt says where to check it.
fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
