//! Prints the clause outline (or JSON with `--json`) of a policy file: `cargo run -p attest-domain --example outline -- FILE`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match attest_domain::clauses::parse_text(&text) {
            Ok(set) if json => {
                println!("{}", serde_json::to_string_pretty(&set).unwrap_or_default())
            }
            Ok(set) => println!("{}", attest_domain::clauses::outline(&set)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
