//! The sentence classifier: how binding a sentence is (must, must not, should, should not, may, info).

use super::model::Modality;
use super::pattern::pats;

pats! {
    // Rewrites applied before matching, so "should never" is read as "should not".
    SHOULD_NEVER = r"\b(should|ought) (never|not ever)\b";
    SHOULD_BE_NOT = r"\bshould be not\b";
    REPORTED = r"\bthat (this|it) is (not acceptable|unacceptable)\b";
    THE_NEED = r"\b(the|a|any|no|is a) need\b";
    // "may be required to", "may need to": a possibility the sentence describes, not a duty.
    MAY_NEED = r"\b(may|might|could) (also )?(be required|be asked|need|have|be expected) to\b";
    // "unable to take care of themselves": looking after, not the advice "take care".
    TAKE_CARE_OF = r"\btake (good |proper )?care of\b";
    // "They may not be aware …", "a child may not understand …": what might not be so, not a ban.
    // A ban forbids an act ("Staff may not use …"); these verbs name states no one can forbid.
    MAY_NOT_STATE = r"\bmay not (always |necessarily |fully |yet |even |immediately )?(be (aware|able|possible|clear|obvious|apparent|appropriate|suitable|sure|comfortable|ready|willing|available|the case|necessary|enough|sufficient|easy|safe to assume|known|recognised|recognized|noticed|reported|seen)|know|understand|realise|realize|recognise|recognize|feel|want|wish|seem|appear|remember|notice|mean|reflect|happen|apply)\b";
    // "Visitors are not required to …" lifts a duty; it places none.
    NOT_REQUIRED = r"\b(is|are|am|be) not (required|obliged|obligated|expected) to\b";
    // "Fire: Evacuate …", "Check-in: Lone workers should …": a label before the sentence.
    LABEL_PREFIX = r"^[a-z][a-z0-9 /&'()-]{0,40}:\s+";
    // "how we will implement": a clause that reports, not one that binds.
    REPORTS_WILL = r"\b(how|what|why|when) (i|we|staff|you)\b";
    // "where possible", "as far as practicable", "when appropriate": see [`left_to_judgement`].
    WHERE_POSSIBLE = r"\b(where(ver)?|when(ever)?|if|as far as) (possible|practicable|practical|appropriate)\b";
    // "The door will be kept open at all times": a standing rule, not a forecast.
    WILL_ALWAYS = r"\bwill be \w+(ed|en|pt)\b[^.;]{0,40}\bat all times\b";
    // "It may be kept ajar if …": a conditional permission, not a possibility.
    MAY_PASSIVE = r"\bmay be (kept|left|used|opened|taken|shared|given|stored|locked|closed|propped)\b[^.;]{0,30}\b(if|when|where|provided)\b";
    // "No photographs should be taken …": the sentence forbids what its modal says.
    NO_SUBJECT = r"^no (\w+[ -]){0,6}?(should|must|may|can|will|shall|is to|are to)\b";
    // "Staff must adhere to the following:" governs the entries below it.
    ADHERE_LEAD = r"\b(must|shall|will|are required to|agree to) (adhere to|follow|comply with|observe|abide by) the following\b[^:]*:\s*$";
    FOLLOWING_LEAD = r"\bthe following (are|is) (not acceptable|unacceptable|prohibited|forbidden|not permitted|not allowed|banned|required|mandatory|expected)\b[^:]*:\s*$";

    MUST_NOT = r"\bmust\s+(not|never|neither|under no|at no time)\b|\bmustn't\b|\bmust (avoid|refrain)\b|\b(is|are|be|being) (strictly |absolutely |expressly )?(not permitted|not allowed|prohibited|forbidden|banned|not acceptable|unacceptable|not tolerated|not to be tolerated)\b|\b(not|never) (be )?(permitted|allowed) to\b|\bprohibited from\b|\b(is|are) not to\b|\bwill not (be )?tolerat|\bwon't (be )?tolerat|\bwill not accept\b|\bzero tolerance\b|\bat no time\b|\bno circumstances\b|\bnot under any circumstances\b|\b(is|are) (illegal|unlawful|a criminal offence)\b|\bnever\b|\b(i|we|staff|you|employees|adults|members|governors|volunteers|visitors|contractors|helpers|coaches|officials|everyone|users|teachers|children|pupils|students|parents|carers|they) (also )?(may not|cannot|can't|can not|will not|won't|shall not)\b|\bshall not\b|\bno (member of staff|staff member|staff|employee|adult|one|pupil|student|user|governor|volunteer)s? (should|may|must|can|is permitted|will)\b|\bnot to be (used|shared|published|posted|given|disclosed)\b|\bit is an? (disciplinary|criminal)? ?offence to\b";
    MUST_ENSURE_NOT = r"\b(must|shall|will|required to|need to|needs to|have to|has to|expected to|expects? [^.;]{0,60}to) (ensure|make sure|take care|check)( that)?(?: \S+){0,4}? (do not|don't|does not|doesn't|never|cannot|can't|are not|is not|not)\b";
    MUST = r"\bmust\b|\b(is|are|am|be) (required|obliged|obligated|expected|bound) to\b|\brequired to\b|\b(have|has) to\b|\bneeds? to\b|\bshall\b|\bexpects?\b[^.;]{0,80}?\bto\b|\bit is expected\b|\bexpected to\b|\b(have|has) (a|the) (duty|responsibility|obligation) to\b|\b(is|are) (responsible|accountable) for\b|\bis (essential|mandatory|compulsory|vital|imperative|a requirement)\b|\bit is (a requirement|essential|vital|mandatory|compulsory|imperative)\b|\b(can|may) only\b|\bthere must\b|\b(is|are|will be) (always |also )?required (before|for|from|when|if|by|in|at|on)\b|\b(is|are) only (permitted|allowed)\b|\b(i|we|you|staff|they|members|volunteers|visitors|parents|carers|children|pupils) (also )?(agree|agrees|undertake|undertakes|commit|commits) to\b";
    // "I will, where possible, educate …", "I will also follow …": an aside or an adverb
    // before the verb.
    WILL_PERSON = r"\b(i|we|staff|you|employees|adults|volunteers|visitors|contractors|helpers|coaches|officials|everyone|children|pupils|students|governors|users|members|teachers|headteachers?|principals?|managers) (will|shall),? (?:[^,.;]{1,40}, )?(?:also |always |only |immediately |then |still )?(\w+)(?: (\w+))?";
    // "If working after dark, ensure …": an instruction after its condition.
    CONDITION_THEN = r"^(if|where|when|whenever|unless|before|after|once|while|whilst|during|in the event of|in case of|on|as far as)\b[^,]{1,80}, ";
    // A label has no verb of its own: "lone workers must receive training on:" is a sentence.
    LABEL_MODAL = r"\b(must|should|shall|will|may|can|need|needs)\b";
    SHOULD_NOT = r"\bshould (not|neither|avoid|refrain)\b|\bshouldn't\b|\bought not\b|\bneither should\b|\b(is|are) not (advisable|advised|recommended|appropriate|wise|good practice|safe)\b|\bit is (unwise|inadvisable|not safe|inappropriate|not a good idea)\b|\binadvisable\b|\b(advised|recommended|encouraged) not to\b|\b(recommend|suggest|advise)(s|ed)?( that)?(?: \S+){0,3}? (do not|don't|not|avoid|refrain)\b|\bdiscouraged\b|\bbest avoided\b|\b(take care|be careful) not to\b|\b(advised|encouraged) to avoid\b";
    SHOULD = r"\bshould\b|\bought to\b|\b(is|are) (also |strongly |therefore |further )*(advised|recommended|encouraged)\b|\badvisable\b|\b(we|i|school|they|you) (would )?(strongly )?recommend\b|\brecommended that\b|\bit is recommended\b|\bcaution is advised\b|\b(exercise|use|with) caution\b|\bbe (careful|cautious|mindful|vigilant)\b|\btake (particular |additional |great |extra )?care\b|\bit is (a good idea|good practice|best practice|important|sensible|wise|advisable)\b|\bwould (suggest|recommend|advise)\b|\bsuggest(ed)? that\b|\bplease\b|\bare reminded\b";
    MAY = r"\b(is|are) (also )?(permitted|allowed|entitled|free|welcome) to\b|\b(i|we|you|staff|employees|they|members|volunteers) (also )?(has|have) the right to\b|\breserves? the right\b|\bmay (wish|choose|want|like|use|ask|request|contact|access|seek|share|post|attend|join|decline|opt|refuse|also)\b|\b(staff|you|employees|adults|members|governors|volunteers|parents|carers|pupils|students|users|teachers|they|colleagues|we|i) (also )?(may|can)\b";
    NOT_PERMISSION = r"\b(can|may) (also )?(be|lead|result|cause|constitute|affect)\b|\bmay (also )?have\b|\bmay (also |well |even )?(fear|worry|feel|suffer|lose|struggle|experience|find|face|become|seem|appear)\b";
    NEGATION_START = r"^((and|or|but) )?(do not|don't|never|not|no)\b";
    IMPERATIVE = r"^(ensure|make sure|keep|use|report|respect|take|follow|inform|remember|be|check|tell|contact|seek|think|consider|set|protect|treat|lock|change|store|delete|remove|read|comply|adhere|notify|obtain|gain|provide|nominate|log|limit|restrict|review|consult|speak|act|maintain|behave|switch|turn|install|update|familiarise|familiarize|ask|refer|record|retain|decline|block|challenge|raise|sign|return|encrypt|dispose|understand|recognise|recognize|declare|share|post|accept|send|give|publish|discuss|alert|monitor|apply|save|back up|close|password|require|avoid|refrain|evacuate|call|leave|listen|reassure|wash|wear|attend|complete|prioritise|prioritize|shred|question|work)\b";
    // "Photographs are to be taken only …", "Staff are to report …": a rule, unless the subject
    // is an aim or a role ("The aim of this policy is to …").
    IS_TO = r"\b(is|are) (only |always |also )?to (be )?\w+";
    AIM_SUBJECT = r"\b(aims?|purposes?|objectives?|intentions?|goals?|roles?|idea|plans?|point|intent|functions?|vision|ambition|mission|hope|wish|object|task|job|priority|priorities|reason)\b[^.;]{0,50}$";
    // "It is the responsibility of every adult to …": a duty, unless the reader is only reminded.
    RESPONSIBILITY = r"\b(is|be) (the|everyone's|our|your|their|a shared|a|every \w+'s) (\w+ )?(responsibility|duty) (of|to)\b|\bwill be (responsible|accountable) for\b";
    // "Visitors are requested not to …": a request advises; "No phones may be used …" forbids.
    REQUESTED = r"\b(is|are) (kindly |politely |also )?(requested|asked) to\b|\bwe (would )?ask (that|all|staff|parents|visitors|you)\b";
    REQUESTED_NOT = r"\b(is|are) (kindly |politely |also )?(requested|asked) not to\b|\bwe (would )?ask (that )?[^.;]{0,40}\b(do not|not to)\b";
    AVOIDED = r"\b(should|ought to) (always |be )?(be )?avoided\b";
    AVOIDED_MUST = r"\b(must|is to|are to) (always )?be avoided\b";
    NO_SUBJECT_FORBIDS = r"^no (\w+[ -]){0,6}?(must|may|shall|is to|are to)\b";
    CONDITION_BEFORE = r"\b(if|where|when|whether|unless|how|what)\b[^,;]{0,40}$";
    NOUN_USE = r"^\w+ (of|to|with|and|is|are|was|were|has|have|can)\b";
    NEG_INSIDE = r"^(ensure|make sure|check|take care)( that)?(?: \S+){0,3}? (do not|does not|never|cannot|are not|is not|not)\b";
    MAY_STRICT = r"\b(is|are) (also )?(permitted|allowed|entitled|free|welcome) to\b|\b(i|we|you|staff|employees|they|members|volunteers) (also )?(has|have) the right to\b|\breserves? the right\b|\bmay (wish|choose|want|like)\b";
    LEAD_TAIL = r"(?i)\b(must|should|shall|will|may|can|to|not|never|always|do|don't|don’t|ensure|make sure)( that)?( they| you| we| staff)?\s*:\s*$";
    // "As a member of staff I agree to the following:": a commitment heads its entries.
    COMMIT_LEAD = r"(?i)\b(agrees?|undertakes?|commits?|promises?) to\b[^:.]{0,40}:\s*$";
    // "I will:", "Staff must:", "Staff must not:": a person bound by the modal, then the list.
    AGREEMENT_TAIL = r"\b(i|we|staff|you|employees|adults|volunteers|members of staff|staff members|everyone) (must|shall|will|should)( not| never)?\s*:\s*$";
    BARE_LEAD = r"(?i)\b(must|should|shall|will|may|can|to|not|never|always)\s*:\s*$";
    // "Individuals have the right to:": the entries are what someone may claim, not duties.
    RIGHTS_LEAD = r"(?i)\b((has|have) the (following )?rights?|(is|are) (also )?entitled|rights? (include|are))\b[^:]*:\s*$";
    AIMS = r"(?i)\b(aims?|objectives?|purposes?|intended|intends|designed|seeks?) (of this policy )?(is |are )?to\b|\bintended to ensure\b";
}

/// How a sentence's modality was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A modal word or phrase ("must", "are advised to").
    Explicit,
    /// A bare imperative ("Ensure …", "Do not …").
    Imperative,
    /// Nothing binding.
    None,
}

/// Classifies one sentence: the strongest modal phrase it contains, else a bare imperative, else info.
pub fn modality_of(sentence: &str) -> Modality {
    classify(sentence).0
}

/// Classifies one sentence and says how the modality was found.
pub(crate) fn classify(sentence: &str) -> (Modality, Source) {
    let lowered = sentence
        .to_lowercase()
        .replace(['’', '‘', '`'], "'")
        .replace("won't", "will not")
        .replace("can't", "cannot")
        .replace("n't", " not");
    let s = SHOULD_NEVER.replace_all(&lowered, "should not");
    let s = THE_NEED.replace_all(&s, "$1 necessity");
    let s = REPORTED.replace_all(&s, "that $1 is wrong");
    let s = MAY_NEED.replace_all(&s, "might");
    let s = TAKE_CARE_OF.replace_all(&s, "look after");
    let s = MAY_NOT_STATE.replace_all(&s, "might perhaps not $2");
    let s = NOT_REQUIRED.replace_all(&s, "under no obligation");
    // "I agree to: Avoid …" is a commitment heading its entry, not a label.
    if let Some(m) = LABEL_PREFIX
        .find(&s)
        .filter(|m| COMMIT_LEAD.is_match(m.as_str().trim_end()))
    {
        return (
            under_lead(&s[m.end()..], Some(m.as_str().trim_end())),
            Source::Explicit,
        );
    }
    let s = match LABEL_PREFIX.find(&s) {
        Some(m) if !LABEL_MODAL.is_match(m.as_str()) => s[m.end()..].to_string(),
        _ => s,
    };
    if BARE_LEAD.is_match(&s) {
        return (Modality::Info, Source::None);
    }
    classify_lowered(&s)
}

/// Classifies a lowered, rewritten sentence, bare lead-ins included.
fn classify_lowered(s: &str) -> (Modality, Source) {
    let s = SHOULD_BE_NOT.replace_all(s, "should not");
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    if MUST_NOT.is_match(s)
        || MUST_ENSURE_NOT.is_match(s)
        || AVOIDED_MUST.is_match(s)
        || NO_SUBJECT_FORBIDS.is_match(s)
    {
        return (Modality::MustNot, Source::Explicit);
    }
    if MUST.is_match(s) || will_binds_person(s) || WILL_ALWAYS.is_match(s) || is_to_rule(s) {
        return (Modality::Must, Source::Explicit);
    }
    if SHOULD_NOT.is_match(s) || REQUESTED_NOT.is_match(s) || AVOIDED.is_match(s) {
        return (Modality::ShouldNot, Source::Explicit);
    }
    if REQUESTED.is_match(s) {
        return (Modality::Should, Source::Explicit);
    }
    if NO_SUBJECT.is_match(s) && SHOULD.is_match(s) {
        return (Modality::ShouldNot, Source::Explicit);
    }
    if SHOULD.is_match(s) {
        return (Modality::Should, Source::Explicit);
    }
    if NEGATION_START.is_match(s) {
        return (
            soften_where_possible(s, Modality::MustNot),
            Source::Imperative,
        );
    }
    // "Remember that it is the responsibility of all adults …" reminds the reader of a fact;
    // with no modal of its own it asks nothing to be done.
    if s.starts_with("remember that") || s.starts_with("note that") {
        return (Modality::Info, Source::None);
    }
    if RESPONSIBILITY.is_match(s) {
        return (Modality::Must, Source::Explicit);
    }
    if IMPERATIVE.is_match(s) && !NOUN_USE.is_match(s) {
        // "Avoid …" advises against; "Refrain from …" and "Ensure … not" forbid.
        let m = if s.starts_with("avoid") {
            Modality::ShouldNot
        } else if s.starts_with("refrain") || NEG_INSIDE.is_match(s) {
            Modality::MustNot
        } else {
            Modality::Must
        };
        return (soften_where_possible(s, m), Source::Imperative);
    }
    if let Some(found) = after_condition(s) {
        return found;
    }
    if MAY_PASSIVE.is_match(s) {
        return (Modality::May, Source::Explicit);
    }
    if (MAY_STRICT.is_match(s) || !NOT_PERMISSION.is_match(s)) && MAY.is_match(s) {
        return (Modality::May, Source::Explicit);
    }
    (Modality::Info, Source::None)
}

/// True for a sentence (lower-cased) qualified by "where possible", "as far as practicable",
/// "when appropriate" and the like: how firmly it binds is left to the reader's judgement of
/// the moment.
pub fn left_to_judgement(lowered: &str) -> bool {
    WHERE_POSSIBLE.is_match(lowered)
}

/// An imperative qualified by "where possible" recommends rather than requires.
fn soften_where_possible(s: &str, m: Modality) -> Modality {
    if !left_to_judgement(s) {
        return m;
    }
    match m {
        Modality::Must => Modality::Should,
        Modality::MustNot => Modality::ShouldNot,
        other => other,
    }
}

/// What a person commits to be ("I will be professional"), as against what befalls them.
const CONDUCT: [&str; 20] = [
    "professional",
    "responsible",
    "aware",
    "careful",
    "polite",
    "respectful",
    "vigilant",
    "honest",
    "mindful",
    "courteous",
    "discreet",
    "punctual",
    "alert",
    "familiar",
    "accountable",
    "fair",
    "open",
    "transparent",
    "sensitive",
    "prepared",
];

/// "Staff are to report …", "Phones are only to be used …" bind; "The aim is to …" and "If a
/// child is to be moved …" do not.
fn is_to_rule(s: &str) -> bool {
    IS_TO.find_all(s).into_iter().any(|m| {
        let before = &s[..m.start()];
        let rest = &s[m.start()..];
        !AIM_SUBJECT.is_match(before)
            && !CONDITION_BEFORE.is_match(before)
            && !rest.contains(" to be found")
            && !rest.contains(" to be expected")
            && !rest.contains(" to say")
    })
}

/// "Staff will report …" binds; "Staff will have access …" describes.
fn will_binds_person(s: &str) -> bool {
    let Some(c) = WILL_PERSON.captures(s) else {
        return false;
    };
    let start = c.get(0).map_or(0, |m| m.start());
    if REPORTS_WILL
        .find(&s[..(start + 12).min(s.len())])
        .is_some_and(|m| m.start() + 12 >= start)
    {
        return false;
    }
    let verb = c.get(3).map_or("", |m| m.as_str());
    // "I will be professional" commits; "Staff will be given training" and "… will be subject
    // to disciplinary action" describe.
    if verb == "be" {
        let next = c.get(4).map_or("", |m| m.as_str());
        return CONDUCT.contains(&next);
    }
    !matches!(
        verb,
        "have" | "receive" | "get" | "find" | "face" | "also" | "need" | "not" | "often"
    )
}

/// The strength of an instruction after its condition ("If working after dark, ensure …"); a
/// condition that leaves it to judgement ("Where possible, …") softens it.
fn after_condition(s: &str) -> Option<(Modality, Source)> {
    let m = CONDITION_THEN.find(s)?;
    let rest = &s[m.end()..];
    let (modality, source) = classify_lowered(rest);
    (source == Source::Imperative).then(|| (soften_where_possible(s, modality), source))
}

/// The modality a list entry takes under its lead-in ("Adults should not:" + "use school ICT …").
///
/// Entries that continue the lead-in's grammar (lower-case, bare imperatives, "not …") take the
/// lead-in's strength and flip to its negative when either says "not"; an entry with its own
/// stronger modal phrase keeps it. Lists introduced by aims or purposes stay informative.
pub(crate) fn under_lead(item: &str, lead: Option<&str>) -> Modality {
    let (own, source) = classify(item);
    let Some(lead) = lead else {
        return own;
    };
    if is_aims(lead) {
        return Modality::Info;
    }
    if RIGHTS_LEAD.is_match(lead) {
        // A right the reader holds is a permission; anyone else's is information for the reader.
        let lead = lead.to_lowercase();
        return if MAY_STRICT.is_match(&lead) && MAY.is_match(&lead) {
            Modality::May
        } else {
            Modality::Info
        };
    }
    // "Do:" heads a list of things to do as surely as "Staff must:" does.
    let lead_modality = match lead.trim().to_lowercase().as_str() {
        "do:" | "dos:" | "do's:" | "always:" => Modality::Must,
        lowered => classify_lowered(lowered).0,
    };
    // "In summary, the following are NOT acceptable:" governs the noun phrases below it
    // ("Working alone with a child.") as surely as "Staff must not:" does.
    let following = FOLLOWING_LEAD.is_match(&lead.to_lowercase()) && source == Source::None;
    // "If any of the above points are not followed …" speaks about the list, not in it.
    if item.to_lowercase().contains("the above") {
        return own;
    }
    let adhere = ADHERE_LEAD.is_match(&lead.to_lowercase());
    if lead_modality == Modality::Info
        || !(LEAD_TAIL.is_match(lead) || COMMIT_LEAD.is_match(lead) || following || adhere)
    {
        return own;
    }
    let lowered = item.trim_start().to_lowercase();
    let negation = NEGATION_START.is_match(&lowered);
    let continues = item.chars().next().is_some_and(char::is_lowercase)
        || source != Source::Explicit
        || negation;
    if !continues {
        return own;
    }
    let negative = is_negative(lead_modality) || is_negative(own);
    let base = positive(lead_modality);
    let inherited = if negative { negate(base) } else { base };
    if source == Source::Explicit && !negation && own > inherited {
        own
    } else {
        soften_where_possible(&lowered, inherited)
    }
}

/// True for a lead-in that binds the reader to every line below it: "I agree to:", "I will:",
/// "Staff must:", "Staff must adhere to the following:".
pub(crate) fn is_agreement_lead(lead: &str) -> bool {
    let lowered = lead.trim_end().to_lowercase();
    COMMIT_LEAD.is_match(&lowered)
        || ADHERE_LEAD.is_match(&lowered)
        || (AGREEMENT_TAIL.is_match(&lowered) && !is_aims(&lowered))
}

/// True for lead-ins that introduce aims, not duties ("It aims to:").
pub(crate) fn is_aims(lead: &str) -> bool {
    AIMS.is_match(lead)
}

fn is_negative(m: Modality) -> bool {
    matches!(m, Modality::MustNot | Modality::ShouldNot)
}

fn positive(m: Modality) -> Modality {
    match m {
        Modality::MustNot => Modality::Must,
        Modality::ShouldNot => Modality::Should,
        other => other,
    }
}

fn negate(m: Modality) -> Modality {
    match m {
        Modality::Must | Modality::May => Modality::MustNot,
        Modality::Should => Modality::ShouldNot,
        other => other,
    }
}

#[cfg(test)]
mod tests;
