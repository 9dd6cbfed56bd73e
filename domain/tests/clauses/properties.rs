//! Property tests: no input makes the engine panic, and ids stay unique.

use std::collections::HashSet;

use attest_domain::clauses::parse_text;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,400}") {
        let _ = parse_text(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn policy_shaped_text_gives_unique_ids(lines in proptest::collection::vec(
        prop_oneof![
            Just(String::new()),
            "[1-9]\\. [A-Z][a-z ]{0,30}\\.",
            "[1-9]\\.[1-9] Staff (must|should|may) [a-z ]{1,30}\\.",
            "- [a-z ]{1,30};",
            "[A-Z][A-Za-z ]{0,20}",
            "[1-9]",
        ],
        0..40,
    )) {
        if let Ok(set) = parse_text(&lines.join("\n")) {
            let mut seen = HashSet::new();
            for c in &set.clauses {
                prop_assert!(seen.insert(c.id.clone()), "duplicate id {}", c.id);
            }
        }
    }
}

#[cfg(feature = "formats")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_in_any_format(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ext in prop_oneof![Just("txt"), Just("md"), Just("docx"), Just("pdf"), Just("bin")],
    ) {
        let _ = attest_domain::formats::parse_document(&format!("policy.{ext}"), &bytes);
    }

    #[test]
    fn pdf_and_zip_headers_with_garbage_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(&tail);
        let _ = attest_domain::formats::extract_text("x.pdf", &pdf);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&tail);
        let _ = attest_domain::formats::extract_text("x.docx", &zip);
    }
}
