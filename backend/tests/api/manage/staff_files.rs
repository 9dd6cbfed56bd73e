//! Staff files as offices export them from their MIS (shaped like Arbor, SIMS and Bromcom
//! exports; every name invented): their own headings, UK dates, semicolons, tabs, UTF-16.

use attest_domain::api::ImportReport;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    query: &str,
    body: Vec<u8>,
) -> (u16, ImportReport) {
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people/import?{query}")))
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let report = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, report)
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

/// (name, email, start date) of the report's rows.
fn people(report: &ImportReport) -> Vec<(String, String, String)> {
    report
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.email.clone(), r.start_date.to_string()))
        .collect()
}

fn triple(name: &str, email: &str, day: &str) -> (String, String, String) {
    (name.into(), email.into(), day.into())
}

async fn an_arbor_style_export_is_read_by_its_own_headings(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let file = "\u{feff}Legal Surname,Preferred Forename,Legal Forename,Work Email,Staff Role,Employment Start,Employment End\n\
                Ní Bhriain,Zoë,Zoë Áine,z.nibhriain@chad.example,Teaching,01/09/2026,\n\
                O'Brien,Siân,Siân Mair,s.obrien@chad.example,Support,15/04/2019,\n";
    let (status, preview) = send(&app, &client, &school, "dry_run=true", file.into()).await;
    assert_eq!(status, 200, "{preview:#?}");
    assert!(preview.errors.is_empty(), "{:#?}", preview.errors);
    let c = &preview.columns;
    assert_eq!(c.first_name.as_deref(), Some("Preferred Forename"));
    assert_eq!(c.last_name.as_deref(), Some("Legal Surname"));
    assert_eq!(c.email.as_deref(), Some("Work Email"));
    assert_eq!(c.groups.as_deref(), Some("Staff Role"));
    assert_eq!(c.start_date.as_deref(), Some("Employment Start"));
    assert_eq!(preview.headers.len(), 7);
    assert_eq!(
        people(&preview),
        [
            triple("Zoë Ní Bhriain", "z.nibhriain@chad.example", "2026-09-01"),
            triple("Siân O'Brien", "s.obrien@chad.example", "2019-04-15"),
        ]
    );
    assert_eq!(preview.rows[0].groups, ["teaching"]);

    let (status, applied) = send(&app, &client, &school, "", file.into()).await;
    assert_eq!((status, applied.created), (200, 2));
    let (name,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT name FROM people WHERE email = $1"
    )
    .bind("s.obrien@chad.example")
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(name, "Siân O'Brien");
}
on_both_databases!(an_arbor_style_export_is_read_by_its_own_headings);

async fn a_sims_style_utf16_tab_separated_export_reads_the_same(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let text = "Surname\tForename\tEmail Address\tStaff Category\tStart Date\r\n\
                Ŷr\tŴyn\twyn.yr@chad.example\tTeaching\t03/01/2022\r\n\
                Dąbrowski\tŁukasz\tl.dabrowski@chad.example\tSupport\t2023-02-28\r\n";
    let (status, preview) = send(
        &app,
        &client,
        &school,
        "dry_run=true",
        utf16le_with_bom(text),
    )
    .await;
    assert_eq!(status, 200);
    assert!(preview.errors.is_empty(), "{:#?}", preview.errors);
    assert_eq!(
        people(&preview),
        [
            triple("Ŵyn Ŷr", "wyn.yr@chad.example", "2022-01-03"),
            triple("Łukasz Dąbrowski", "l.dabrowski@chad.example", "2023-02-28"),
        ]
    );
}
on_both_databases!(a_sims_style_utf16_tab_separated_export_reads_the_same);

async fn a_chosen_column_is_used_and_remembered_for_the_schools_next_file(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    // Bromcom-like: semicolons, a "Known As" the manager prefers to the legal forename.
    let file = "Staff Code;Legal Forename;Known As;Surname;E-Mail;Role;Date Of Arrival\n\
                JNU;José Antonio;José;Núñez;jose.nunez@chad.example;Teaching;01/09/2025\n";
    let (_, guessed) = send(&app, &client, &school, "dry_run=true", file.into()).await;
    assert_eq!(
        guessed.columns.first_name.as_deref(),
        Some("Legal Forename")
    );
    assert_eq!(guessed.rows[0].name, "José Antonio Núñez");

    let chosen = "first_name=Known%20As";
    let (_, preview) = send(
        &app,
        &client,
        &school,
        &format!("dry_run=true&{chosen}"),
        file.into(),
    )
    .await;
    assert_eq!(preview.rows[0].name, "José Núñez");
    assert_eq!(preview.rows[0].start_date.to_string(), "2025-09-01");
    let (status, _) = send(&app, &client, &school, chosen, file.into()).await;
    assert_eq!(status, 200);

    // The next export of that shape, sent without a choice, is read as the school chose.
    let next = "Staff Code;Legal Forename;Known As;Surname;E-Mail;Role;Date Of Arrival\n\
                PRH;Perdita Rose;Dita;Hale;dita.hale@chad.example;Support;02/09/2025\n";
    let (_, again) = send(&app, &client, &school, "dry_run=true", next.into()).await;
    assert_eq!(again.columns.first_name.as_deref(), Some("Known As"));
    assert_eq!(again.rows[0].name, "Dita Hale");
    // Another school remembers nothing of it.
    let other = school_id(&app, CAMELEY).await;
    let client = client_for(&app, &manager(CAMELEY)).await;
    let (_, elsewhere) = send(&app, &client, &other, "dry_run=true", next.into()).await;
    assert_eq!(
        elsewhere.columns.first_name.as_deref(),
        Some("Legal Forename")
    );
}
on_both_databases!(a_chosen_column_is_used_and_remembered_for_the_schools_next_file);

async fn a_file_without_recognisable_headings_asks_for_the_columns(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let file = "Who;Where;When\nAnn;ann@chad.example;01/09/2026\n";
    let (status, preview) = send(&app, &client, &school, "dry_run=true", file.into()).await;
    assert_eq!(status, 200);
    assert_eq!(preview.headers, ["Who", "Where", "When"]);
    assert_eq!(preview.errors[0].line, 1);
    let query = "dry_run=true&name=Who&email=Where&start_date=When";
    let (_, chosen) = send(&app, &client, &school, query, file.into()).await;
    assert!(chosen.errors.is_empty(), "{:#?}", chosen.errors);
    assert_eq!(chosen.rows[0].name, "Ann");
}
on_both_databases!(a_file_without_recognisable_headings_asks_for_the_columns);
