//! A compiled-once regular expression that never panics, even if its source were invalid.

use regex::{Captures, Match, Regex};

/// A regular expression built from a literal in this crate; an invalid source matches nothing.
///
/// Every pattern is checked by a unit test, so the fallback only guards against a
/// future typo turning into a panic in production.
pub(crate) struct Pat(Option<Regex>);

impl Pat {
    /// Compiles `source`; on failure the pattern simply never matches.
    ///
    /// Word boundaries are ASCII-only (`(?-u:\b)`): Unicode ones would keep the regex crate
    /// off its fast engines whenever the text holds a curly quote.
    pub(crate) fn new(source: &str) -> Self {
        Pat(Regex::new(&source.replace(r"\b", r"(?-u:\b)")).ok())
    }

    /// True when the pattern compiled.
    #[cfg(test)]
    pub(crate) fn is_valid(&self) -> bool {
        self.0.is_some()
    }

    /// True when the pattern matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.0.as_ref().is_some_and(|re| re.is_match(text))
    }

    /// The first match in `text`.
    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.0.as_ref().and_then(|re| re.find(text))
    }

    /// Every match in `text`.
    pub(crate) fn find_all<'t>(&self, text: &'t str) -> Vec<Match<'t>> {
        self.0
            .as_ref()
            .map(|re| re.find_iter(text).collect())
            .unwrap_or_default()
    }

    /// The capture groups of the first match in `text`.
    pub(crate) fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.0.as_ref().and_then(|re| re.captures(text))
    }

    /// Replaces every match with `with`.
    pub(crate) fn replace_all(&self, text: &str, with: &str) -> String {
        match &self.0 {
            Some(re) => re.replace_all(text, with).into_owned(),
            None => text.to_owned(),
        }
    }
}

/// Declares lazily compiled patterns: `pats! { NAME = r"..."; }`.
macro_rules! pats {
    ($($name:ident = $src:expr;)*) => {
        $(static $name: std::sync::LazyLock<$crate::clauses::pattern::Pat> =
            std::sync::LazyLock::new(|| $crate::clauses::pattern::Pat::new($src));)*
        #[cfg(test)]
        #[test]
        fn every_pattern_in_this_module_compiles() {
            $(assert!($name.is_valid(), "pattern {} does not compile", stringify!($name));)*
        }
    };
}
pub(crate) use pats;
