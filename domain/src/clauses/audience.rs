//! Who a clause binds: read from the subject of its duty sentences, its lead-in or its heading.

use super::model::{Audience, Modality};
use super::pattern::pats;

pats! {
    SUBJECT_END = r"(?i)\b(must|should|shall|will|may|can|cannot|need|needs|ought|are required|is required|are expected|is expected|are advised|are strongly advised|are encouraged|are reminded|are responsible|is responsible|have to|has to|are not|is not|are permitted|expects|reserves|monitors|agrees?|promises?|undertakes?|pledges?|commits?|(?:are|is) (?:asked|requested))\b";
    CONDITIONAL = r"(?i)^(if|when|where|unless|on|in|after|before)\b";
    CONCESSIVE = r"(?i)^(whilst|while|although|though)\b";
    EXPECTS = r"(?i)\bexpects?\b";
    CUT = r"(?i)\b(of|about|from|with|to|for|by|on|in|at|into|between|through|using|who|that|which|whose|including)\b";
    SCOPE = r"(?i)\b(applies to|apply to|this includes|is for all)\b";
    // "Code of conduct for parents", "Players' responsibilities": a heading over someone's code.
    CODE_HEADING = r"(?i)\b(code|codes|agreement|responsibilities|expectations|charter|pledge|promises?|rules)\b";
    PRONOUN = r"(?i)^\s*(you|i|we)\s*$";
    FIRST_PERSON = r"(?i)^\s*i\s*$";
    ORGANISATION = r"(?i)^\s*(?:the|our|this) (?:club|provider|setting|childminder|nursery|pre-school|academy|trust|organisation)\s*$";
    // "I agree to …", "I have read and understood …": a member of staff signing an agreement.
    SIGNS = r"(?i)\bI (agree|understand|have read|confirm|accept)\b";
    YOUR_CHILD = r"(?i)\byour (child|children|son|daughter)\b";
    // "You have the right to …", "your personal data": a notice to the people whose data it is.
    YOUR_DATA = r"(?i)\byou have (?:the|a) right\b|\byour (?:personal )?(?:data|information)\b";
    // "I am the data controller", "I am a registered childminder", "my setting": the provider
    // speaking of itself; a member of staff signing an agreement does not say this.
    PROVIDER_SELF = r"(?i)\bI am (?:a |an |the )?(?:registered |sole )?(?:childminder|data controller|provider|proprietor|owner)\b|\bmy (?:setting|business|nursery|pre-school|provision)\b|\bI am registered with\b";
    // "As a player I will:", "As parents, we will:": the role names who "I" or "we" is.
    AS_ROLE = r"(?i)^\s*as (?:an? )?([a-z' -]+?)(?:,|\s+(?:i|we)\b)";
}

const WORDS: [(&str, Audience); 47] = [
    ("staff", Audience::Staff),
    ("staffs", Audience::Staff),
    ("employee", Audience::Staff),
    ("employees", Audience::Staff),
    ("teacher", Audience::Staff),
    ("teachers", Audience::Staff),
    ("adult", Audience::Staff),
    ("adults", Audience::Staff),
    ("user", Audience::Staff),
    ("users", Audience::Staff),
    ("colleagues", Audience::Staff),
    ("trainees", Audience::Staff),
    ("contractor", Audience::Visitors),
    ("contractors", Audience::Visitors),
    ("visitor", Audience::Visitors),
    ("visitors", Audience::Visitors),
    ("coaches", Audience::Staff),
    ("you", Audience::Staff),
    ("i", Audience::Staff),
    ("anyone", Audience::Staff),
    ("governor", Audience::Governors),
    ("governors", Audience::Governors),
    ("governing", Audience::Governors),
    ("volunteer", Audience::Volunteers),
    ("volunteers", Audience::Volunteers),
    ("parent", Audience::ParentsCarers),
    ("parents", Audience::ParentsCarers),
    ("carer", Audience::ParentsCarers),
    ("carers", Audience::ParentsCarers),
    ("pupil", Audience::Pupils),
    ("pupils", Audience::Pupils),
    ("student", Audience::Pupils),
    ("students", Audience::Pupils),
    ("children", Audience::Pupils),
    ("learners", Audience::Pupils),
    ("player", Audience::Pupils),
    ("players", Audience::Pupils),
    ("junior", Audience::Pupils),
    ("juniors", Audience::Pupils),
    ("headteacher", Audience::Headteacher),
    ("headteachers", Audience::Headteacher),
    ("principal", Audience::Headteacher),
    ("principals", Audience::Headteacher),
    ("headmaster", Audience::Headteacher),
    ("headmistress", Audience::Headteacher),
    ("school", Audience::School),
    ("we", Audience::School),
];

/// The audiences named in a phrase.
fn named(phrase: &str) -> Vec<Audience> {
    // "The club will:", "The provider will:": the organisation, by whatever name it has.
    if ORGANISATION.is_match(phrase) {
        return vec![Audience::School];
    }
    let lowered = phrase.to_lowercase().replace("head teacher", "headteacher");
    let mut found: Vec<Audience> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| WORDS.iter().find(|(k, _)| *k == w).map(|(_, a)| *a))
        .collect();
    if found.iter().any(|a| *a != Audience::School) {
        found.retain(|a| *a != Audience::School);
    }
    found.sort();
    found.dedup();
    found
}

/// The subject of a sentence: the words before its first modal verb, without conditions or objects.
fn subject(sentence: &str) -> &str {
    let end = SUBJECT_END.find(sentence).map_or(0, |m| m.start());
    let mut s = &sentence[..end];
    if let Some(m) = CONCESSIVE.find(s) {
        s = &s[m.end()..];
    } else if CONDITIONAL.is_match(s) {
        s = s.split_once(',').map_or("", |(_, rest)| rest);
    }
    match CUT.find(s) {
        Some(m) => &s[..m.start()],
        None => s,
    }
}

/// Whose code a heading names, when it names people other than staff and volunteers.
fn code_holders(section: &str) -> Option<Vec<Audience>> {
    if !CODE_HEADING.is_match(section) {
        return None;
    }
    let mut theirs = named(section);
    theirs.retain(|a| *a != Audience::School);
    let others = !theirs.is_empty()
        && theirs
            .iter()
            .all(|a| !matches!(a, Audience::Staff | Audience::Volunteers));
    others.then_some(theirs)
}

/// Who a lead-in names: the role an "I" speaks as, whom an expectation is of, or its subject.
fn lead_audience(lead: &str) -> Vec<Audience> {
    if let Some(role) = AS_ROLE.captures(lead).and_then(|c| c.get(1)) {
        let named = named(role.as_str());
        if !named.is_empty() {
            return named;
        }
    }
    match EXPECTS.find(lead) {
        Some(m) => named(&lead[m.end()..]),
        None => named(subject(lead)),
    }
}

/// True when the document is the provider writing to parents ("I will keep your child's records
/// …"), so its "I" is the provider, not a member of staff signing an agreement.
pub(crate) fn provider_speaks_as_i(text: &str) -> bool {
    PROVIDER_SELF.is_match(text)
        || ((YOUR_CHILD.is_match(text) || YOUR_DATA.is_match(text)) && !SIGNS.is_match(text))
}

/// Who a clause binds, from its classified sentences, its lead-in and its section heading;
/// `provider_i` says the document's "I" is the provider (see [`provider_speaks_as_i`]).
pub(crate) fn audience_of(
    duties: &[(String, Modality)],
    lead: Option<&str>,
    section: &str,
    provider_i: bool,
) -> Vec<Audience> {
    let mut found: Vec<Audience> = Vec::new();
    let mut binding = false;
    for (sentence, modality) in duties {
        if let Some(m) = SCOPE.find(sentence) {
            let mut scope = named(&sentence[m.end()..]);
            scope.retain(|a| *a != Audience::School);
            found.extend(scope);
        }
        if *modality == Modality::Info {
            continue;
        }
        binding = true;
        let subject = subject(sentence);
        if provider_i && FIRST_PERSON.is_match(subject) {
            found.push(Audience::School);
            continue;
        }
        // Under "Code of conduct for parents", the "you" of "You should encourage your child"
        // is the parent.
        match code_holders(section) {
            Some(theirs) if PRONOUN.is_match(subject) => found.extend(theirs),
            _ => found.extend(named(subject)),
        }
    }
    if binding && found.is_empty() {
        found = match (lead, code_holders(section)) {
            (Some(l), _) if provider_i && FIRST_PERSON.is_match(subject(l)) => {
                vec![Audience::School]
            }
            (Some(l), Some(theirs)) if PRONOUN.is_match(subject(l)) => theirs,
            (Some(l), _) => lead_audience(l),
            (None, _) => Vec::new(),
        };
    }
    if binding && found.is_empty() {
        found = named(section);
        found.retain(|a| *a != Audience::School);
    }
    if binding && found.is_empty() {
        found.push(Audience::Staff);
    }
    found.sort();
    found.dedup();
    found
}
