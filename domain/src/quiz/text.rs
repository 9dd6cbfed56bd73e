//! Small text helpers the generators share: word runs, fragment matching, trimming.

/// Lower-cased words with punctuation stripped, for comparing wordings.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when `a` and `b` share a run of `n` or more consecutive words.
pub fn shares_run(a: &str, b: &str, n: usize) -> bool {
    let (a, b) = (words(a), words(b));
    if a.len() < n || b.len() < n || n == 0 {
        return false;
    }
    let runs: std::collections::HashSet<&[String]> = b.windows(n).collect();
    a.windows(n).any(|w| runs.contains(w))
}

/// True when `fragment` starts a word somewhere in lower-cased `haystack`.
pub(crate) fn has_fragment(haystack: &str, fragment: &str) -> bool {
    haystack
        .match_indices(fragment)
        .any(|(i, _)| !matches!(haystack[..i].chars().next_back(), Some(c) if c.is_alphanumeric()))
}

/// At most `max` words of `text`, with an ellipsis when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let w: Vec<&str> = text.split_whitespace().collect();
    if w.len() <= max {
        return text.trim().to_string();
    }
    let cut = w[..max].join(" ");
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_regardless_of_case_and_punctuation() {
        let a = "One two three four five six seven eight nine";
        assert!(shares_run(
            a,
            "x ONE two three, four five six seven eight y",
            8
        ));
        assert!(!shares_run(
            a,
            "one two three four five six seven x eight",
            8
        ));
    }

    #[test]
    fn fragments_match_only_at_word_starts() {
        assert!(has_fragment("pupils' families", "famil"));
        assert!(!has_fragment("unfamiliar", "famil"));
    }

    #[test]
    fn clipping_marks_the_cut() {
        assert_eq!(clip("a b c d", 2), "a b…");
        assert_eq!(clip("a b", 2), "a b");
    }
}
