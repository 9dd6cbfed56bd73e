//! A QR code drawn as SVG from its text (an `otpauth://` address for an authenticator app).

use qrcode::{Color, QrCode};
use yew::prelude::*;

/// Props of [`QrImage`].
#[derive(Properties, PartialEq)]
pub struct QrProps {
    /// What the code holds.
    pub text: String,
    /// What a screen reader hears instead.
    pub label: String,
}

/// The dark modules as one SVG path, one unit square each, inside a 4-module quiet zone.
fn path(code: &QrCode) -> String {
    let width = code.width();
    let mut d = String::new();
    for (i, colour) in code.to_colors().into_iter().enumerate() {
        if colour == Color::Dark {
            d.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    d
}

/// The QR code, or nothing if the text is too long for one.
#[function_component(QrImage)]
pub fn qr_image(props: &QrProps) -> Html {
    let Ok(code) = QrCode::new(props.text.as_bytes()) else {
        return html! {};
    };
    let size = code.width() + 8;
    html! {
        <svg class="qr-code" role="img" aria-label={props.label.clone()} width="200" height="200"
            viewBox={format!("0 0 {size} {size}")} shape-rendering="crispEdges">
            <rect width={size.to_string()} height={size.to_string()} fill="#ffffff" />
            <path d={path(&code)} fill="#000000" />
        </svg>
    }
}
