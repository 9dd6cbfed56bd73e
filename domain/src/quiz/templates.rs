//! Scenario templates: the situations authored in `content/scenarios/*.toml`, read with the
//! `toml` crate.

use super::setting::Setting;
use super::Verdict;
use serde::Deserialize;

/// The authored templates, one file per kind of policy, compiled into the crate so the browser
/// needs no file access.
const SOURCES: [(&str, &str); 7] = [
    (
        "social-media",
        include_str!("../../../content/scenarios/social-media.toml"),
    ),
    (
        "safeguarding",
        include_str!("../../../content/scenarios/safeguarding.toml"),
    ),
    (
        "whistleblowing",
        include_str!("../../../content/scenarios/whistleblowing.toml"),
    ),
    (
        "data-protection",
        include_str!("../../../content/scenarios/data-protection.toml"),
    ),
    (
        "ict-and-phones",
        include_str!("../../../content/scenarios/ict-and-phones.toml"),
    ),
    (
        "health-and-safety",
        include_str!("../../../content/scenarios/health-and-safety.toml"),
    ),
    (
        "care-and-handling",
        include_str!("../../../content/scenarios/care-and-handling.toml"),
    ),
];

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
    /// Keyword groups for the situation's own action (its verb, its object); each must match in
    /// what the duty governs, not merely somewhere in its sentence. Every template has them.
    pub acts: Vec<Vec<String>>,
    /// Further verbs a deciding duty may use for the situation's action ("enter" for going into
    /// a changing room); its own verb must be one of these or a word of `acts` or `all`.
    pub verbs: Vec<String>,
    /// Fragments that rule a duty out.
    pub none: Vec<String>,
    pub kind: Option<Kind>,
    pub stem: String,
    /// The option for each verdict, as (lead, rationale).
    pub options: Vec<(Verdict, String, String)>,
}

impl Template {
    /// The verdicts this template has written options for.
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

/// The templates from `content/scenarios/*.toml`; incomplete tables are skipped.
pub(crate) fn templates() -> &'static [Template] {
    static CELL: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    // The file is compiled in and tested, so a parse error can only come from an edit that
    // the unit test below fails on; the app then runs with no scenario questions.
    CELL.get_or_init(|| {
        SOURCES
            .iter()
            .flat_map(|(_, source)| parse(source).unwrap_or_default())
            .collect()
    })
}

/// The templates with their stems and options in a setting's own words ("your club", "a
/// child"), filled once per setting.
pub(crate) fn templates_for(setting: Setting) -> &'static [Template] {
    static CELL: std::sync::OnceLock<Vec<Vec<Template>>> = std::sync::OnceLock::new();
    let filled = CELL.get_or_init(|| {
        Setting::ALL
            .iter()
            .map(|s| templates().iter().filter_map(|t| t.filled(*s)).collect())
            .collect()
    });
    filled.get(setting as usize).map_or(&[], |t| t.as_slice())
}

impl Template {
    /// The template with its stem and options in the setting's words; none when a placeholder
    /// is unknown (`complete` already turns such a template away).
    fn filled(&self, setting: Setting) -> Option<Template> {
        let mut options = Vec::with_capacity(self.options.len());
        for (v, lead, why) in &self.options {
            options.push((*v, setting.fill(lead)?, setting.fill(why)?));
        }
        Some(Template {
            stem: setting.fill(&self.stem)?,
            options,
            ..self.clone()
        })
    }
}

/// The file as written: `[[scenario]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    scenario: Vec<Raw>,
}

/// One `[[scenario]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: String,
    #[serde(default)]
    topics: Vec<String>,
    all: Vec<String>,
    #[serde(default)]
    acts: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    kind: String,
    stem: String,
    prohibited: Option<String>,
    discouraged: Option<String>,
    permitted: Option<String>,
    required: Option<String>,
}

/// Parses one scenario file (TOML, format in `content/scenarios/README.md`).
pub(crate) fn parse(source: &str) -> Result<Vec<Template>, toml::de::Error> {
    let file: File = toml::from_str(source)?;
    Ok(file
        .scenario
        .into_iter()
        .map(template)
        .filter(complete)
        .collect())
}

fn template(raw: Raw) -> Template {
    let kind = match raw.kind.as_str() {
        "restrict" => Some(Kind::Restrict),
        "require" => Some(Kind::Require),
        _ => None,
    };
    let written = [
        (Verdict::Prohibited, raw.prohibited),
        (Verdict::Discouraged, raw.discouraged),
        (Verdict::Permitted, raw.permitted),
        (Verdict::Required, raw.required),
    ];
    let options = written
        .into_iter()
        .filter_map(|(verdict, text)| {
            let text = text?;
            let (lead, why) = text.split_once('|').unwrap_or((text.as_str(), ""));
            Some((verdict, lead.trim().to_string(), why.trim().to_string()))
        })
        .collect();
    Template {
        id: raw.id,
        topics: raw.topics,
        all: raw.all.iter().map(|g| fragments(g)).collect(),
        acts: raw.acts.iter().map(|g| fragments(g)).collect(),
        verbs: raw.verbs.iter().flat_map(|g| fragments(g)).collect(),
        none: raw.none.iter().flat_map(|g| fragments(g)).collect(),
        kind,
        stem: raw.stem,
        options,
    }
}

/// A template is usable with an id, a stem, a kind, keywords, its own action and its options (a
/// "require" template needs only the required and the permitted one: see `scenario::options`),
/// and only placeholders every setting can fill.
fn complete(t: &Template) -> bool {
    Setting::ALL.iter().all(|s| t.filled(*s).is_some())
        && !t.id.is_empty()
        && !t.stem.is_empty()
        && t.kind.is_some()
        && !t.all.is_empty()
        && !t.acts.is_empty()
        && t.options.len() >= if t.kind == Some(Kind::Require) { 2 } else { 3 }
}

/// `"b|c"` → `["b", "c"]`, lower-cased; a trailing space is kept, so `"add "` is a whole word
/// and does not match "address".
///
/// A verb fragment that also starts a noun ("inform" starts "information") stands for the verb's
/// own forms only: "the information you hold" informs no one.
fn fragments(group: &str) -> Vec<String> {
    group
        .split('|')
        .map(|f| f.trim_start().to_lowercase())
        .filter(|f| !f.trim().is_empty())
        .flat_map(
            |f| match VERB_NOT_NOUN.iter().find(|(verb, _)| *verb == f) {
                Some((_, forms)) => forms.iter().map(|x| x.to_string()).collect(),
                None => vec![f],
            },
        )
        .collect()
}

/// Verb fragments whose noun would otherwise match, with the forms they stand for.
const VERB_NOT_NOUN: [(&str, &[&str]); 1] = [(
    "inform",
    &[
        "inform ",
        "inform,",
        "inform.",
        "informs",
        "informed",
        "informing",
    ],
)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_fragment_does_not_match_its_noun() {
        let f = fragments("report|inform");
        let hits = |text: &str| f.iter().any(|x| super::super::text::has_fragment(text, x));
        assert!(hits("you must inform the dsl"));
        assert!(hits("the dsl must be informed"));
        assert!(!hits("laws may apply to information posted online"));
    }

    #[test]
    fn the_authored_file_parses_into_complete_templates() {
        let mut all = Vec::new();
        for (name, source) in SOURCES {
            let parsed = parse(source).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
            let tables = source.matches("[[scenario]]").count();
            assert_eq!(parsed.len(), tables, "{name}.toml: an incomplete table");
            all.extend(parsed);
        }
        assert_eq!(all.len(), templates().len());
        assert!(all.len() >= 150, "{} templates", all.len());
        let mut ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "template ids are unique");
        for t in &all {
            let expected: &[Verdict] = match t.kind {
                Some(Kind::Restrict) => &[
                    Verdict::Prohibited,
                    Verdict::Discouraged,
                    Verdict::Permitted,
                ],
                _ => &[Verdict::Required, Verdict::Permitted],
            };
            for &v in expected {
                assert!(t.option(v).is_some(), "{} lacks {v:?}", t.id);
            }
        }
    }

    #[test]
    fn a_required_lead_never_says_it_is_required() {
        // The required lead is also asked as "— the policy advises it but does not require it":
        // a lead saying "requires" would contradict itself there.
        for t in templates() {
            let Some((lead, _)) = t.option(Verdict::Required) else {
                continue;
            };
            // "as the policy requires" is taken off before the lead is asked.
            let lead = lead
                .to_lowercase()
                .replace("as the policy requires", "")
                .replace("as your policy requires", "");
            assert!(!lead.contains("requir"), "{}: {lead}", t.id);
        }
    }

    #[test]
    fn every_placeholder_in_the_bank_is_known_and_only_in_stems_and_options() {
        for (name, source) in SOURCES {
            let file: File = toml::from_str(source).unwrap_or_else(|e| panic!("{name}: {e}"));
            for raw in file.scenario {
                let t = template(raw);
                for setting in Setting::ALL {
                    let filled = t
                        .filled(setting)
                        .unwrap_or_else(|| panic!("{}: unknown placeholder", t.id));
                    let texts = filled.options.iter().flat_map(|(_, l, w)| [l, w]);
                    for text in texts.chain(std::iter::once(&filled.stem)) {
                        assert!(!text.contains(['{', '}']), "{}: {text}", t.id);
                    }
                }
                let matching = t.all.iter().chain(&t.acts).flatten();
                for f in matching.chain(&t.verbs).chain(&t.none) {
                    assert!(!f.contains(['{', '}']), "{}: placeholder in {f}", t.id);
                }
            }
        }
        let broken = "[[scenario]]\nid = \"x\"\nkind = \"restrict\"\nstem = \"At your {scool}?\"\nall = [\"a\"]\nacts = [\"a\"]\nprohibited = \"No\"\ndiscouraged = \"Rather not\"\npermitted = \"Yes\"\n";
        assert!(parse(broken).expect("valid TOML").is_empty());
    }

    #[test]
    fn lists_and_groups_are_split() {
        let src = "[[scenario]]\nid = \"x\"\nkind = \"restrict\"\nstem = \"S?\"\nall = [\"a|b\", \"c\"]\nacts = [\"add |b\"]\nverbs = [\"enter|go \"]\nnone = [\"d|e\"]\nprohibited = \"No | why\"\ndiscouraged = \"Rather not\"\npermitted = \"Yes | fine\"\n";
        let t = parse(src).expect("valid TOML");
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].all,
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string()]
            ]
        );
        assert_eq!(t[0].none, vec!["d".to_string(), "e".to_string()]);
        assert_eq!(t[0].verbs, vec!["enter".to_string(), "go ".to_string()]);
        // A trailing space keeps a fragment a whole word.
        assert_eq!(t[0].acts, vec![vec!["add ".to_string(), "b".to_string()]]);
        assert_eq!(t[0].option(Verdict::Prohibited), Some(("No", "why")));
    }
}
