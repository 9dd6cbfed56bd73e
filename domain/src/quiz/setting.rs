//! The policy's setting: the kind of place whose staff the scenario quiz is asked of, read from
//! what the policy calls its own organisation ("the school", "the club", "the pre-school").
//!
//! Schools are not the only places that train staff on their own policies: sports clubs,
//! nurseries, pre-schools and playgroups do too ("setting" is the early-years word for such a
//! place). The scenario bank is written once, with placeholders in its stems and options
//! (`{school}`, `{pupils}`, … listed in `content/scenarios/README.md`); a question fills them
//! with its policy's own words, so a tennis club's coaches are not asked about "a pupil at your
//! school". A school's questions read exactly as the bank was first written for schools.

use crate::clauses::ClauseSet;

/// The kind of place a policy is written for; a school unless the policy clearly says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Setting {
    /// A school, academy or college: the bank's own wording.
    #[default]
    School,
    /// A sports or youth club.
    Club,
    /// An early-years provider that calls itself "the setting".
    EarlyYears,
    /// A nursery.
    Nursery,
    /// A pre-school.
    PreSchool,
    /// A playgroup.
    Playgroup,
}

// `Setting::ALL[s as usize] == s` for every setting, checked when the crate compiles.
const _: () = {
    let mut i = 0;
    while i < Setting::ALL.len() {
        assert!(Setting::ALL[i] as usize == i);
        i += 1;
    }
};

/// The organisation nouns counted after a determiner, with the setting each names. The school
/// family comes first; the others are counted against it.
const NOUNS: [(&str, Setting); 9] = [
    ("school", Setting::School),
    ("academy", Setting::School),
    ("college", Setting::School),
    ("club", Setting::Club),
    ("setting", Setting::EarlyYears),
    ("nursery", Setting::Nursery),
    ("pre-school", Setting::PreSchool),
    ("preschool", Setting::PreSchool),
    ("playgroup", Setting::Playgroup),
];

/// Words that make "the/our/your X" the policy speaking of its own organisation.
const DETERMINERS: [&str; 3] = ["the", "our", "your"];

/// Every placeholder the bank may use. A name written with a capital ("{Head}") is filled
/// capitalised, for the start of a sentence.
#[cfg(test)]
pub(crate) const PLACEHOLDERS: [&str; 13] = [
    "school",
    "work",
    "trip",
    "pupil",
    "pupils",
    "pupils'",
    "head",
    "in school",
    "club or school",
    "class",
    "lesson",
    "lessons",
    "teacher",
];

impl Setting {
    /// Every setting, so the bank can be filled once for each; in declaration order, so that
    /// `setting as usize` is its place here.
    pub(crate) const ALL: [Setting; 6] = [
        Setting::School,
        Setting::Club,
        Setting::EarlyYears,
        Setting::Nursery,
        Setting::PreSchool,
        Setting::Playgroup,
    ];

    /// The setting a clause set's own text names most, by counting "the/our/your X" for each
    /// organisation noun. Another noun wins only when it is used more than twice as often as
    /// the school family: a school policy that mentions "the club" now and then, or an
    /// "after-school club", is still a school's.
    pub fn of(set: &ClauseSet) -> Setting {
        let mut text = set.policy.title.clone();
        for clause in &set.clauses {
            text.push(' ');
            text.push_str(&clause.section);
            text.push(' ');
            text.push_str(&clause.text);
        }
        Setting::in_text(&text)
    }

    /// The setting named in `text`, as in [`Setting::of`].
    pub fn in_text(text: &str) -> Setting {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        // Mentions per setting, in the order of `Setting::ALL` (the school family first).
        let mut counts = [0usize; Setting::ALL.len()];
        for (i, pair) in words.windows(2).enumerate() {
            if !DETERMINERS.contains(&pair[0]) {
                continue;
            }
            // "the setting up of", "the setting of targets" are not a place.
            let next = words.get(i + 2).copied().unwrap_or("");
            if pair[1] == "setting" && (next == "up" || next == "of") {
                continue;
            }
            if let Some((_, setting)) = NOUNS.iter().find(|(noun, _)| *noun == pair[1]) {
                counts[*setting as usize] += 1;
            }
        }
        let school = counts[Setting::School as usize];
        // The most-named other setting; the earlier in the list wins a tie.
        let (best, most) = Setting::ALL
            .into_iter()
            .zip(counts)
            .filter(|(s, _)| *s != Setting::School)
            .fold(
                (Setting::School, 0),
                |best, (s, n)| {
                    if n > best.1 {
                        (s, n)
                    } else {
                        best
                    }
                },
            );
        if most > 2 * school {
            best
        } else {
            Setting::School
        }
    }

    /// The setting's word for a placeholder (lower-case name), or none for an unknown one.
    fn word(self, name: &str) -> Option<&'static str> {
        use Setting::*;
        let noun = match self {
            School => "school",
            Club => "club",
            EarlyYears => "setting",
            Nursery => "nursery",
            PreSchool => "pre-school",
            Playgroup => "playgroup",
        };
        let word = match (name, self) {
            ("club or school", School) => "club or school",
            ("school" | "club or school", _) => noun,
            ("work", School) => "school",
            ("work", _) => "work",
            ("trip", School) => "school trip",
            ("trip", Club) => "club trip",
            ("trip", _) => "trip",
            ("pupil", School) => "pupil",
            ("pupil", _) => "child",
            ("pupils", School) => "pupils",
            ("pupils", _) => "children",
            ("pupils'", School) => "pupils'",
            ("pupils'", _) => "children's",
            ("head", School) => "headteacher",
            ("head", Club) => "chair",
            ("head", _) => "manager",
            ("in school", School) => "in school",
            ("in school", Club) => "at the club",
            ("in school", _) => "at work",
            ("class", School) => "class",
            ("class", _) => "group",
            ("lesson", School) => "lesson",
            ("lesson", _) => "session",
            ("lessons", School) => "lessons",
            ("lessons", _) => "sessions",
            ("teacher", School) => "teacher",
            ("teacher", Club) => "coach",
            ("teacher", _) => "practitioner",
            _ => return None,
        };
        Some(word)
    }

    /// `text` with every `{placeholder}` filled with this setting's words; none when a
    /// placeholder is unknown or left open, so a mistyped one is never shown to staff.
    pub(crate) fn fill(self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}')?;
            let name = &after[..close];
            let word = self.word(&name.to_lowercase())?;
            if name.starts_with(|c: char| c.is_uppercase()) {
                let mut chars = word.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(chars.as_str());
            } else {
                out.push_str(word);
            }
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            return None;
        }
        out.push_str(rest);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_text_is_a_school() {
        let text = "Staff must follow the school's rules. Our school expects staff to report \
                    concerns to the headteacher. Your school's devices are for work.";
        assert_eq!(Setting::in_text(text), Setting::School);
    }

    #[test]
    fn a_club_text_is_a_club() {
        let text = "The club takes safeguarding seriously. Coaches at the club must not be alone \
                    with a junior member. Report concerns to the Club Welfare Officer of the club.";
        assert_eq!(Setting::in_text(text), Setting::Club);
    }

    #[test]
    fn a_pre_school_that_calls_itself_the_setting_is_early_years() {
        let text = "Mobile phones must not be used in the setting. Staff leave phones in the \
                    office. Visitors to our setting are asked to do the same.";
        assert_eq!(Setting::in_text(text), Setting::EarlyYears);
        let text = "The Pre-School keeps records safely. Our pre-school staff must not take \
                    photographs in the setting.";
        assert_eq!(Setting::in_text(text), Setting::PreSchool);
    }

    #[test]
    fn a_school_that_runs_an_after_school_club_stays_a_school() {
        let text = "The school runs an after-school club on Tuesdays. Staff at the after-school \
                    club follow the school's policy. The club is in the hall; the school \
                    supervises it.";
        assert_eq!(Setting::in_text(text), Setting::School);
    }

    #[test]
    fn a_text_naming_no_organisation_is_a_school() {
        assert_eq!(
            Setting::in_text("Staff must lock their screens."),
            Setting::School
        );
        assert_eq!(
            Setting::in_text("The setting up of accounts is done by the school."),
            Setting::School
        );
    }

    #[test]
    fn a_school_reads_the_bank_as_written_for_schools() {
        let text = "A {pupil} at your {school} asks about the {school}'s {trip} outside {work}; \
                    {pupils'} files, {pupils}, {Head}, {in school}, {club or school}, {class}.";
        assert_eq!(
            Setting::School.fill(text).as_deref(),
            Some(
                "A pupil at your school asks about the school's school trip outside school; \
                 pupils' files, pupils, Headteacher, in school, club or school, class."
            )
        );
        assert_eq!(
            Setting::PreSchool.fill(text).as_deref(),
            Some(
                "A child at your pre-school asks about the pre-school's trip outside work; \
                 children's files, children, Manager, at work, pre-school, group."
            )
        );
        assert_eq!(
            Setting::Club.fill("the {school}'s {trip}").as_deref(),
            Some("the club's club trip")
        );
    }

    #[test]
    fn an_unknown_or_open_placeholder_does_not_fill() {
        assert_eq!(Setting::Club.fill("your {scool}"), None);
        assert_eq!(Setting::Club.fill("your {school"), None);
        assert_eq!(Setting::Club.fill("your school}"), None);
        for name in PLACEHOLDERS {
            for setting in Setting::ALL {
                assert!(setting.fill(&format!("{{{name}}}")).is_some(), "{name}");
            }
        }
    }
}
