//! Prints every question's stem and right option, to read a bank by eye:
//! `cargo run -p attest-domain --example questions -- FILE…`.

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(set) = attest_domain::clauses::parse_text(&text) else {
            eprintln!("{path}: does not parse");
            continue;
        };
        for q in attest_domain::quiz::build_bank(&set, 1).questions {
            println!("{}\t{}\t{}", q.id, q.stem, q.options[q.answer]);
        }
    }
}
