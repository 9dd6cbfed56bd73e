//! Fuzzes the staff CSV importer's parser with arbitrary bytes: `cargo fuzz run import_csv`.
#![no_main]

use attest::manage::people::SchoolRef;
use attest::manage::people_import::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let school = SchoolRef {
        id: "school".into(),
        name: "Fuzz Primary School".into(),
        slug: "fuzz-primary".into(),
    };
    let (rows, errors) = parse(data, &school);
    // Every line ends up either parsed or refused with a reason, never both lost.
    assert!(rows.len() + errors.len() <= data.iter().filter(|b| **b == b'\n').count() + 1);
});
