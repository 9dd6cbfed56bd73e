//! Prints which clause decides each scenario question, to read firings by eye:
//! `cargo run -p attest-domain --example scenarios -- FILE…`.

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(set) = attest_domain::clauses::parse_text(&text) else {
            eprintln!("{path}: does not parse");
            continue;
        };
        let name = path.rsplit('/').next().unwrap_or(&path);
        for q in attest_domain::quiz::build_bank(&set, 1).questions {
            if q.id.starts_with("duty:") {
                continue;
            }
            println!("{name}\t{}\t{:?}\t{}", q.id, q.verdict, q.explanation);
        }
    }
}
