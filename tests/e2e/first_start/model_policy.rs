//! The trust's model policy step of the first-start journey (issue 25).

use super::{OTHER_SCHOOL, SCHOOL, TRUST};
use crate::axe::check_page;
use crate::browser::Browser;
use crate::steps::{choose, click_xpath};

/// The trust's model policy; Ysgol Afon makes its 1.1 a firm rule.
const MODEL: &str = "Mobile Phone Policy\n\n1. Phones on site\n\n\
    1.1 Staff should keep their personal phone out of sight while pupils are present.\n\
    1.2 Staff must not photograph pupils on a personal device.\n\
    1.3 The headteacher must review this policy every year.\n";

/// Publishes the draft on screen, to `groups` if given (else as the page has them), ticking
/// the trust's schools if it is the trust's model.
async fn publish_draft(browser: &Browser, groups: Option<&str>) {
    browser.click("a.button[href$='/publish']").await;
    browser.wait_for_text("h1#publish-title", "Publish").await;
    if let Some(groups) = groups {
        browser.fill("#p-groups", groups).await;
    }
    browser
        .client
        .execute(
            "document.querySelectorAll(\"input[name='p-school']\").forEach(b => b.click());",
            vec![],
        )
        .await
        .unwrap();
    browser.click("form.panel button[type=submit]").await;
    browser
        .wait_for_text(".check-answers", "Mobile Phone Policy")
        .await;
    if browser
        .client
        .find(fantoccini::Locator::Css("#confirm-unreviewed"))
        .await
        .is_ok()
    {
        browser.click("#confirm-unreviewed").await;
    }
    browser
        .click("form.panel:not([hidden]) h2#check-title ~ button[type=submit]")
        .await;
    browser
        .wait_for_text("h1#published-title", "Published Mobile Phone Policy")
        .await;
}

/// The trust's model policy: the administrator uploads it on "Model policies", reviews the
/// draft and publishes it to both schools; Ysgol Afon's manager then opens the school's copy
/// ("the trust's model and this school's amendments"), amends it (clause 1.1's "should"
/// made a "must" in the draft review) and publishes; the amendments page lists that change.
pub async fn model_policy_reaches_both_schools_and_one_amends_it(
    admin: &Browser,
    manager: &Browser,
    school: &str,
    files: &std::path::Path,
) {
    let file = files.join("phones.txt");
    std::fs::write(&file, MODEL).unwrap();
    admin.click("nav a[href='/manage']").await;
    click_xpath(admin, &format!("//ul[@class='links']//a[.='{TRUST}']")).await;
    admin.click("a[href$='/models']").await;
    admin.wait_for_text("h1#models-title", TRUST).await;
    check_page(admin, "model policies, none yet").await;
    admin.press("#model-file", file.to_str().unwrap()).await;
    admin.click("form.panel button[type=submit]").await;
    admin
        .wait_for_text("h1#draft-title", "Review: Mobile Phone Policy")
        .await;
    check_page(admin, "model draft review").await;
    publish_draft(admin, Some("teaching, support, site")).await;
    for school in [SCHOOL, OTHER_SCHOOL] {
        admin
            .wait_for_text("main", &format!("{school}: published"))
            .await;
    }
    check_page(admin, "model published to both schools").await;

    manager.client.goto(school).await.unwrap();
    manager.click("a[href$='/policies']").await;
    manager.wait_for_text("h1#policies-title", "Policies").await;
    manager
        .click("a[href^='/manage/policies/'][href$='/amendments']")
        .await;
    manager
        .wait_for_text("h1#amendments-title", "local amendments")
        .await;
    check_page(manager, "amendments, none yet").await;
    let amendments = manager.client.current_url().await.unwrap();
    click_xpath(manager, "//button[.='Amend this policy']").await;
    manager
        .wait_for_text("h1#draft-title", "Mobile Phone Policy")
        .await;
    choose(manager, "#strength-1-1", "must").await;
    manager.click("#clause-1-1 button[type=submit]").await;
    manager.wait_for_text("#clause-1-1", "Looked at by").await;
    publish_draft(manager, None).await;
    manager.client.goto(amendments.as_str()).await.unwrap();
    let diff = manager.wait_for_text("ul.diff", "Now (clause 1.1").await;
    assert!(diff.contains("must"), "{diff}");
    check_page(manager, "amendments listing the change").await;
}
