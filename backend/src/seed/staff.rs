//! The demo's staff room: a realistic staff for each sample school, made up deterministically.
//!
//! A newcomer's first dashboard should show what Attest is for, so each sample school gets
//! 30–60 people in its four groups, with plausible names (accents and apostrophes included,
//! as real staff lists have them), start dates over the last ten years, a few new starters
//! and one leaver. The same school slug always gives the same people.

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::DEMO_GROUPS;

const FIRST_NAMES: &[&str] = &[
    "Aisha",
    "Ben",
    "Chloe",
    "Dafydd",
    "Ewa",
    "Fatima",
    "George",
    "Hannah",
    "Imran",
    "Joanne",
    "Kwame",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rhys",
    "Siân",
    "Tomás",
    "Uma",
    "Victoria",
    "William",
    "Yusuf",
    "Zoë",
    "Aoife",
    "Chidi",
    "Daniel",
    "Eleanor",
    "Gareth",
    "Helen",
    "Isaac",
    "Jessica",
    "Krzysztof",
    "Leah",
    "Marcus",
    "Nia",
    "Owain",
    "Rebecca",
    "Samuel",
    "Tariq",
];

const SURNAMES: &[&str] = &[
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "O'Brien",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Smith",
    "Taylor",
    "Usman",
    "Vaughan",
    "Williams",
    "Wójcik",
    "Begum",
    "Campbell",
    "D'Souza",
    "Edwards",
    "Fitzgerald",
    "Gallagher",
    "Hussain",
    "Jenkins",
    "Kowalski",
    "Mensah",
    "Murphy",
    "Price",
    "Singh",
    "Thomas",
    "Walsh",
];

/// What the demo's history does with one person (see [`super::history`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Story {
    /// Attested this many days ago (current, due soon or overdue by the age).
    Attested { days_ago: u64, failed_first: bool },
    /// Failed a quiz this many days ago and has not passed since.
    FailedOnly { days_ago: u64 },
    /// Read some lessons this many days ago and stopped.
    Started { days_ago: u64 },
    /// Nothing yet.
    Nothing,
}

/// One made-up member of staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    /// Their full name.
    pub name: String,
    /// A work address at the school's demo domain.
    pub email: String,
    /// The one group they are in.
    pub group: &'static str,
    /// When they joined the school.
    pub start: NaiveDate,
    /// When they left, for the one leaver.
    pub left: Option<NaiveDate>,
    /// What they have done so far.
    pub story: Story,
}

/// The staff of one sample school as of `today`.
pub fn staff_of(slug: &str, today: NaiveDate) -> Vec<DemoPerson> {
    let mut rng = StdRng::seed_from_u64(fnv(slug));
    let count = rng.gen_range(30..=60);
    let mut taken = std::collections::HashSet::new();
    let mut people = Vec::with_capacity(count);
    while people.len() < count {
        let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
        let last = SURNAMES[rng.gen_range(0..SURNAMES.len())];
        if !taken.insert((first, last)) {
            continue;
        }
        let n = people.len();
        let group = match rng.gen_range(0..100) {
            0..=44 => DEMO_GROUPS[0],
            45..=74 => DEMO_GROUPS[1],
            75..=86 => DEMO_GROUPS[2],
            _ => DEMO_GROUPS[3],
        };
        // One in ten is a new starter of the last fortnight; the rest joined over ten years.
        let new_starter = rng.gen_range(0..10) == 0;
        let days_in_post = if new_starter {
            rng.gen_range(1..12)
        } else {
            rng.gen_range(420..3650)
        };
        let story = if new_starter {
            if rng.gen_bool(0.5) {
                Story::Started { days_ago: 0 }
            } else {
                Story::Nothing
            }
        } else {
            veteran_story(&mut rng)
        };
        people.push(DemoPerson {
            name: format!("{first} {last}"),
            email: format!("{}.{}.{n}@{slug}.example", ascii(first), ascii(last)),
            group,
            start: days_before(today, days_in_post),
            left: None,
            story,
        });
    }
    // One leaver, who had attested before going: evidence keeps them, lists do not.
    if let Some(leaver) = people
        .iter_mut()
        .find(|p| matches!(p.story, Story::Attested { days_ago, .. } if days_ago > 90))
    {
        leaver.left = Some(days_before(today, 60));
    }
    people
}

/// Someone in post for over a year: mostly attested within the year, some nearly or
/// already due again, a few stuck after a failed quiz or not started at all.
fn veteran_story(rng: &mut StdRng) -> Story {
    let failed_first = rng.gen_range(0..5) == 0;
    match rng.gen_range(0..100) {
        0..=66 => Story::Attested {
            days_ago: rng.gen_range(14..320),
            failed_first,
        },
        67..=76 => Story::Attested {
            days_ago: rng.gen_range(340..365),
            failed_first,
        },
        77..=84 => Story::Attested {
            days_ago: rng.gen_range(370..395),
            failed_first,
        },
        85..=89 => Story::FailedOnly {
            days_ago: rng.gen_range(2..40),
        },
        90..=94 => Story::Started {
            days_ago: rng.gen_range(1..30),
        },
        _ => Story::Nothing,
    }
}

fn days_before(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap_or(day)
}

/// A stable seed from a school's slug (FNV-1a), the same on every platform and build.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A name as the local part of an email address: lower case, accents dropped, no apostrophes.
fn ascii(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'á' | 'â' | 'à' | 'ä' => Some('a'),
            'é' | 'ê' | 'è' | 'ë' => Some('e'),
            'í' | 'î' | 'ï' => Some('i'),
            'ó' | 'ô' | 'ö' => Some('o'),
            'ú' | 'û' | 'ü' => Some('u'),
            'ŵ' => Some('w'),
            'ŷ' => Some('y'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    #[test]
    fn each_school_has_thirty_to_sixty_distinct_people_in_every_group() {
        for slug in ["chad-vale-primary", "hillside-academy", "st-marys"] {
            let staff = staff_of(slug, today());
            assert!((30..=60).contains(&staff.len()), "{slug}: {}", staff.len());
            let names: std::collections::HashSet<_> = staff.iter().map(|p| &p.name).collect();
            assert_eq!(names.len(), staff.len(), "{slug}: a name twice");
            for group in DEMO_GROUPS {
                assert!(staff.iter().any(|p| p.group == group), "{slug}: no {group}");
            }
            assert_eq!(staff.iter().filter(|p| p.left.is_some()).count(), 1);
        }
    }

    #[test]
    fn the_same_school_gets_the_same_staff_and_others_differ() {
        assert_eq!(staff_of("a-school", today()), staff_of("a-school", today()));
        assert_ne!(staff_of("a-school", today()), staff_of("b-school", today()));
    }

    #[test]
    fn emails_are_plain_ascii_and_names_keep_their_accents() {
        assert_eq!(ascii("Siân"), "sian");
        assert_eq!(ascii("O'Brien"), "obrien");
        assert_eq!(ascii("Wójcik"), "wojcik");
        let staff = staff_of("chad-vale-primary", today());
        assert!(staff.iter().all(|p| p.email.is_ascii()));
    }

    #[test]
    fn the_year_has_current_due_soon_overdue_and_new_starters() {
        let staff: Vec<_> = ["a", "b", "c", "d", "e"]
            .iter()
            .flat_map(|s| staff_of(s, today()))
            .collect();
        let attested = |lo: u64, hi: u64| {
            staff.iter().any(|p| {
                matches!(p.story, Story::Attested { days_ago, .. } if (lo..hi).contains(&days_ago))
            })
        };
        assert!(attested(0, 330), "someone current");
        assert!(attested(335, 366), "someone due soon");
        assert!(attested(366, 400), "someone overdue");
        assert!(staff.iter().any(|p| p.start > today() - Days::new(14)));
        assert!(staff
            .iter()
            .any(|p| matches!(p.story, Story::FailedOnly { .. })));
    }
}
