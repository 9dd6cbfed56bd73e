//! Look-up on the samples: everyday situations find the deciding clause.

use crate::helpers::sample;
use attest_domain::ask::{ask, NOT_COVERED};

/// (sample, situation, phrases of which the deciding clause's text must hold one).
const SITUATIONS: [(&str, &str, &[&str]); 30] = [
    (
        "chad_vale",
        "A parent wants to add me as a friend on Facebook",
        &[
            "decline 'friend requests'",
            "family members through personal social media",
        ],
    ),
    (
        "chad_vale",
        "Can I post photos of my class on my own Instagram?",
        &["Photographs, videos or any other types of image"],
    ),
    (
        "chad_vale",
        "A former pupil who is now 20 wants to be friends online",
        &["ex-pupils over the age of 18"],
    ),
    (
        "chad_vale",
        "Can I check Facebook during my working hours?",
        &["contracted hours of work"],
    ),
    (
        "chad_vale",
        "How strict should the privacy settings on my personal accounts be?",
        &["privacy levels of their personal sites", "privacy settings"],
    ),
    (
        "chad_vale",
        "Does the school monitor my school email?",
        &[
            "monitors usage of its internet and email",
            "no expectation of privacy",
        ],
    ),
    (
        "chad_vale",
        "Can I use my school email to talk to pupils?",
        &["official school sites or school email"],
    ),
    (
        "chad_vale",
        "Can I share my own political views and say they are the school's?",
        &["personal views as those of the school"],
    ),
    (
        "forge",
        "A pupil sent me a friend request on my personal account",
        &["from pupils they receive"],
    ),
    (
        "forge",
        "Can I put the school logo on my personal page?",
        &["logos or brands"],
    ),
    (
        "forge",
        "A work colleague wants to be friends on Facebook",
        &["inviting work colleagues"],
    ),
    (
        "forge",
        "I have left for another job; can I message my old pupils on social media?",
        &["On leaving"],
    ),
    (
        "forge",
        "Can I contact a pupil's mum through my personal Facebook?",
        &["family members through personal social media"],
    ),
    (
        "forge",
        "Should I say on my profile that I am an employee of the school?",
        &["identifying themselves as employees"],
    ),
    (
        "cameley",
        "A colleague asked to borrow my work password",
        &["work log-ins or passwords"],
    ),
    (
        "cameley",
        "Can I give a pupil my personal mobile number?",
        &[
            "personal contact details to pupils",
            "personal e-mail addresses to pupils",
            "personal mobile numbers",
        ],
    ),
    (
        "cameley",
        "What should I do if I come across indecent images of children?",
        &[
            "indecent images of children are found",
            "indecent images of children",
        ],
    ),
    (
        "cameley",
        "I am being bullied online; what should I do?",
        &[
            "keep records of the abuse",
            "report all incidents of online bullying",
        ],
    ),
    (
        "cameley",
        "Can I use the school camera for personal use?",
        &["school ICT equipment for personal use"],
    ),
    (
        "cameley",
        "Can I text parents from my own mobile phone?",
        &[
            "own mobile phones to contact pupils or parents",
            "personal mobile numbers",
        ],
    ),
    (
        "st_annes",
        "Can I link my blog to the school website?",
        &[
            "link personal websites or social media accounts",
            "link to their weblog",
        ],
    ),
    (
        "st_annes",
        "A pupil sent me a friend request",
        &["'friend' requests from a pupil"],
    ),
    (
        "st_annes",
        "Should I invite parents to be my friends on Facebook?",
        &["invite parents and carers"],
    ),
    (
        "st_annes",
        "Someone posted about our school; can I comment on the post?",
        &["comment on any posts made by others"],
    ),
    (
        "st_annes",
        "I feel aggrieved about how I was treated at work",
        &["feels aggrieved"],
    ),
    (
        "noble_mind",
        "A parent I only know through school wants to connect with me on social media",
        &["staff/parent"],
    ),
    (
        "noble_mind",
        "Can I use the school's social media account for personal posts?",
        &["school social networking accounts for personal content"],
    ),
    (
        "noble_mind",
        "I saw a post suggesting a child is at risk of harm",
        &["potential risk", "risk of harm"],
    ),
    (
        "noble_mind",
        "A parent posted insulting comments about me on a social networking site",
        &["inappropriate/insulting/threatening"],
    ),
    (
        "noble_mind",
        "Can I keep in touch on social media with an ex-student who is 16?",
        &["ex-students until they reach the age of 18"],
    ),
];

#[test]
fn everyday_situations_find_the_deciding_clause_in_each_sample() {
    let mut wrong = Vec::new();
    for (name, situation, phrases) in SITUATIONS {
        let set = sample(name);
        let answer = ask(&set, situation);
        let text = answer
            .clause_id
            .as_ref()
            .and_then(|id| set.clauses.iter().find(|c| &c.id == id))
            .map(|c| c.text.clone())
            .unwrap_or_default();
        if !phrases.iter().any(|p| text.contains(p)) {
            wrong.push(format!(
                "{name}: {situation:?} → {:?} {text:?}",
                answer.clause_id
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        SITUATIONS.len(),
        wrong.join("\n")
    );
}

#[test]
fn situations_a_policy_does_not_touch_are_not_covered() {
    for (name, situation) in [
        ("chad_vale", "How many days of annual leave can I take?"),
        ("forge", "What time does the car park open in the morning?"),
        (
            "cameley",
            "Can I claim mileage for driving to a training course?",
        ),
        ("st_annes", "Who orders the paper for the photocopier?"),
        (
            "noble_mind",
            "When is the deadline for end of year reports?",
        ),
    ] {
        let answer = ask(&sample(name), situation);
        assert!(
            !answer.covered,
            "{name}: {situation:?} → {:?}",
            answer.clause_id
        );
        assert_eq!(answer.quote, NOT_COVERED);
    }
}

#[test]
fn alternatives_are_ranked_by_relevance() {
    let answer = ask(
        &sample("chad_vale"),
        "Can I accept a friend request from a pupil on Facebook?",
    );
    assert!(answer.covered);
    assert!(answer
        .alternatives
        .windows(2)
        .all(|w| w[0].score >= w[1].score));
}
