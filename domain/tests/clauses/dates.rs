//! Dates and review periods read from ratification and review lines.

use attest_domain::clauses::{parse_date, parse_text, period_months};
use chrono::NaiveDate;

use crate::helpers::sample;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn reviewed_month_and_year_becomes_the_last_review_date() {
    let meta = sample("chad-vale-primary").policy;
    assert_eq!(meta.last_reviewed, date(2014, 5, 1));
    assert_eq!(meta.raw_dates, vec!["Reviewed May 2014"]);
}

#[test]
fn date_agreed_becomes_the_adoption_date() {
    let meta = sample("st-annes-primary").policy;
    assert_eq!(meta.adopted, date(2017, 11, 6));
    assert_eq!(meta.raw_dates, vec!["Date agreed: 6th November 2017"]);
}

#[test]
fn ratified_date_review_period_and_next_review_term_are_read() {
    let meta = sample("cameley-primary").policy;
    assert_eq!(meta.adopted, date(2023, 3, 29));
    assert_eq!(meta.review_period_months, Some(12));
    assert_eq!(meta.next_review, date(2024, 2, 1));
    assert_eq!(meta.raw_dates.len(), 2);
    assert!(meta.raw_dates[0].starts_with("Ratified"));
}

#[test]
fn policies_without_date_lines_have_no_dates() {
    let meta = sample("noble-mind-school").policy;
    assert_eq!(
        (meta.adopted, meta.next_review, meta.raw_dates.len()),
        (None, None, 0)
    );
}

#[test]
fn common_date_forms_are_read() {
    let cases = [
        ("29th March 2023", date(2023, 3, 29)),
        ("March 29, 2023", date(2023, 3, 29)),
        ("29/03/2023", date(2023, 3, 29)),
        ("2023-03-29", date(2023, 3, 29)),
        ("Sept 2024", date(2024, 9, 1)),
        ("Summer Term 2025", date(2025, 4, 1)),
        ("Autumn 2 2024", date(2024, 11, 1)),
        ("Term 1 2024", date(2024, 9, 1)),
        ("no date here", None),
        ("31/02/2023", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_date(text), expected, "{text}");
    }
}

#[test]
fn review_periods_are_read_in_months() {
    let cases = [
        ("Annually", Some(12)),
        ("every two years", Some(24)),
        ("Biennially", Some(24)),
        ("every 3 years", Some(36)),
        ("termly", Some(4)),
        ("when needed", None),
    ];
    for (text, expected) in cases {
        assert_eq!(period_months(text), expected, "{text}");
    }
}

#[test]
fn unreadable_date_lines_are_kept_as_raw_text() {
    let set = parse_text("Online Safety Policy\n\nNext review: when the law changes\n\n1. Staff must report concerns.").expect("parse");
    assert_eq!(
        set.policy.raw_dates,
        vec!["Next review: when the law changes"]
    );
    assert_eq!(set.policy.next_review, None);
    assert_eq!(set.clauses.len(), 1);
}
