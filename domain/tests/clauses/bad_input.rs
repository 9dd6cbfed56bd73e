//! Input that is not a policy gets a clear error, never a panic.

use attest_domain::clauses::parse_text;
use attest_domain::DomainError;

#[test]
fn empty_and_blank_text_is_refused_as_empty() {
    assert_eq!(parse_text(""), Err(DomainError::Empty));
    assert_eq!(parse_text(" \n\t\r\n "), Err(DomainError::Empty));
}

#[test]
fn furniture_only_text_is_refused_as_empty() {
    assert_eq!(
        parse_text("[image: logo.png]\n\nPage 1 of 2\n"),
        Err(DomainError::Empty)
    );
}

#[test]
fn odd_text_still_parses() {
    for text in [
        "1.",
        "•",
        "1\n\n2\n\n3",
        "Section 9:",
        "a\u{0}b",
        "\u{feff}Staff must not smoke.",
    ] {
        let _ = parse_text(text);
    }
    let set = parse_text("\u{feff}Staff must not smoke.").expect("parse");
    assert_eq!(set.clauses[0].text, "Staff must not smoke.");
}
