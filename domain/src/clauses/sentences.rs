//! Splitting clause text into sentences without breaking abbreviations or numbers.

const ABBREVIATIONS: [&str; 22] = [
    "e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "st", "no", "vs", "cf", "fig", "approx",
    "inc", "ltd", "co", "nb", "n.b", "para", "ref", "etc",
];

/// Splits `text` into trimmed sentences; a sentence ends at `.`, `!` or `?` before a capital,
/// a digit, a quote or a bracket, unless the word before is a known abbreviation.
pub(crate) fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0usize;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing quotes and brackets that belong to this sentence.
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
            j += 1;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            continue;
        }
        let mut n = j;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        let Some(&(_, next)) = chars.get(n) else {
            continue;
        };
        let opens = next.is_uppercase()
            || next.is_numeric()
            || matches!(next, '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '•' | '-');
        if !opens || (c == '.' && is_abbreviation(&text[start..i])) {
            continue;
        }
        let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
        push(&mut out, &text[start..end]);
        start = end;
    }
    push(&mut out, &text[start..]);
    out
}

fn push(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if s.chars().any(char::is_alphanumeric) {
        out.push(s.to_owned());
    }
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.len() == 1 && word.chars().all(char::is_alphabetic))
}
