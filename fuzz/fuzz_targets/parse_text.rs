//! Fuzzes the clause parser with arbitrary text: `cargo fuzz run parse_text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = attest_domain::clauses::parse_text(&text);
});
