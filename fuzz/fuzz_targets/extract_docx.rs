//! Fuzzes .docx extraction (zip + XML + list numbering): `cargo fuzz run extract_docx`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = attest_domain::formats::parse_document("policy.docx", data);
});
