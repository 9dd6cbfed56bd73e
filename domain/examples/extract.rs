//! Prints the text extracted from a document: `cargo run -p attest-domain --features formats --example extract -- FILE`.

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match attest_domain::formats::extract_text(&path, &bytes) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
