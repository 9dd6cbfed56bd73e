//! Prints every question's stem and right option, to read a bank by eye:
//! `cargo run -p attest-domain --example questions -- FILE…`; with `--full`, every option
//! (the right one marked `*`) and the explanation too, for reading a draw on the rubric.

fn main() {
    let full = std::env::args().any(|a| a == "--full");
    for path in std::env::args().skip(1).filter(|a| a != "--full") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(set) = attest_domain::clauses::parse_text(&text) else {
            eprintln!("{path}: does not parse");
            continue;
        };
        for q in attest_domain::quiz::build_bank(&set, 1).questions {
            if full {
                let name = path.rsplit('/').next().unwrap_or(&path);
                let options: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{}{o}", if i == q.answer { "*" } else { " " }))
                    .collect();
                println!(
                    "{name}\t{}\t{}\t{}\t{}",
                    q.id,
                    q.stem,
                    options.join(" | "),
                    q.explanation
                );
            } else {
                println!("{}\t{}\t{}", q.id, q.stem, q.options[q.answer]);
            }
        }
    }
}
