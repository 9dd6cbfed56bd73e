//! Fuzzes PDF text extraction: `cargo fuzz run extract_pdf` (seed it with tests/fixtures/*.pdf).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = attest_domain::formats::parse_document("policy.pdf", data);
});
