//! Scenario templates: the situations authored in `content/scenarios.toml`, parsed by hand.

use super::Verdict;

/// The authored templates, compiled into the crate so the browser needs no file access.
const SOURCE: &str = include_str!("../../../content/scenarios.toml");

/// Whether a template asks about a risky action or about what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The stem asks about doing something the policy may restrict.
    Restrict,
    /// The stem asks what the member of staff should do.
    Require,
}

/// One authored scenario.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    pub id: String,
    pub topics: Vec<String>,
    /// Keyword groups; each must match (any fragment) for a duty to fit.
    pub all: Vec<Vec<String>>,
    /// Fragments that rule a duty out.
    pub none: Vec<String>,
    pub kind: Option<Kind>,
    pub stem: String,
    /// The option for each verdict, as (lead, rationale).
    pub options: Vec<(Verdict, String, String)>,
}

impl Template {
    /// The three verdicts this template's options speak to.
    pub fn verdicts(&self) -> Vec<Verdict> {
        self.options.iter().map(|(v, _, _)| *v).collect()
    }

    /// The (lead, rationale) written for a verdict.
    pub fn option(&self, verdict: Verdict) -> Option<(&str, &str)> {
        self.options
            .iter()
            .find(|(v, _, _)| *v == verdict)
            .map(|(_, l, r)| (l.as_str(), r.as_str()))
    }
}

/// The templates from `content/scenarios.toml`; incomplete tables are skipped.
pub(crate) fn templates() -> &'static [Template] {
    static CELL: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| parse(SOURCE))
}

/// Parses the TOML subset documented at the top of `content/scenarios.toml`.
pub(crate) fn parse(source: &str) -> Vec<Template> {
    let mut out = Vec::new();
    let mut current: Option<Template> = None;
    for line in source.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[scenario]]" {
            out.extend(current.take().filter(complete));
            current = Some(Template::default());
            continue;
        }
        let (Some(t), Some((key, value))) = (current.as_mut(), line.split_once('=')) else {
            continue;
        };
        let value = value.trim();
        let text = unquote(value);
        match key.trim() {
            "id" => t.id = text,
            "stem" => t.stem = text,
            "topics" => t.topics = list(value),
            "all" => t.all = list(value).iter().map(|g| fragments(g)).collect(),
            "none" => t.none = list(value).iter().flat_map(|g| fragments(g)).collect(),
            "kind" => {
                t.kind = match text.as_str() {
                    "restrict" => Some(Kind::Restrict),
                    "require" => Some(Kind::Require),
                    _ => None,
                }
            }
            other => {
                if let Some(verdict) = Verdict::from_name(other) {
                    let (lead, why) = text.split_once('|').unwrap_or((text.as_str(), ""));
                    t.options
                        .push((verdict, lead.trim().to_string(), why.trim().to_string()));
                }
            }
        }
    }
    out.extend(current.filter(complete));
    out
}

/// A template is usable with an id, a stem, a kind, keywords and three options.
fn complete(t: &Template) -> bool {
    !t.id.is_empty()
        && !t.stem.is_empty()
        && t.kind.is_some()
        && !t.all.is_empty()
        && t.options.len() >= 3
}

/// `"text"` → `text` (with `\"` unescaped).
fn unquote(value: &str) -> String {
    value
        .trim()
        .trim_start_matches('"')
        .trim_end_matches('"')
        .replace("\\\"", "\"")
}

/// `["a", "b|c"]` → `["a", "b|c"]`.
fn list(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split("\",")
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `"b|c"` → `["b", "c"]`, lower-cased.
fn fragments(group: &str) -> Vec<String> {
    group
        .split('|')
        .map(|f| f.trim().to_lowercase())
        .filter(|f| !f.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authored_file_parses_into_complete_templates() {
        let all = templates();
        assert!(all.len() >= 20);
        let mut ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "template ids are unique");
        for t in all {
            let expected = match t.kind {
                Some(Kind::Restrict) => [
                    Verdict::Prohibited,
                    Verdict::Discouraged,
                    Verdict::Permitted,
                ],
                _ => [Verdict::Required, Verdict::Recommended, Verdict::Permitted],
            };
            for v in expected {
                assert!(t.option(v).is_some(), "{} lacks {v:?}", t.id);
            }
        }
    }

    #[test]
    fn lists_and_groups_are_split() {
        let src = "[[scenario]]\nid = \"x\"\nkind = \"restrict\"\nstem = \"S?\"\nall = [\"a|b\", \"c\"]\nnone = [\"d|e\"]\nprohibited = \"No | why\"\ndiscouraged = \"Rather not\"\npermitted = \"Yes | fine\"\n";
        let t = parse(src);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].all,
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string()]
            ]
        );
        assert_eq!(t[0].none, vec!["d".to_string(), "e".to_string()]);
        assert_eq!(t[0].option(Verdict::Prohibited), Some(("No", "why")));
    }
}
