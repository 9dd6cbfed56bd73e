//! Hand-checked duty tables: a sentence fragment from each sample and the modality a careful
//! reader gives it.

use attest_domain::clauses::Modality::{Info, May, Must, MustNot, Should, ShouldNot};

use crate::helpers::check_table;

#[test]
fn chad_vale_duties_have_the_expected_modality() {
    check_table(
        "chad-vale-primary",
        &[
            ("This policy applies to Chad Vale", Info),
            ("It should be read alongside", Should),
            ("You must be conscious at all times", Must),
            ("You should not put yourself in a position", ShouldNot),
            (
                "must not engage in activities involving social media",
                MustNot,
            ),
            ("must not represent your personal views", MustNot),
            (
                "must not discuss personal information about pupils",
                MustNot,
            ),
            ("in any way to attack, insult", MustNot),
            ("You must be accurate, fair and transparent", Must),
            (
                "must not have contact through any personal social medium",
                MustNot,
            ),
            (
                "must not have any contact with pupils' family members",
                MustNot,
            ),
            ("must decline 'friend requests'", Must),
            ("they must discuss these in general terms", Must),
            ("On leaving Chad Vale", MustNot),
            ("need to be very aware of their 'position of trust'", Must),
            (
                "we would recommend that you do not add adult ex-pupils",
                ShouldNot,
            ),
            ("You must not 'friend' ex-pupils", MustNot),
            (
                "must not be discussed on their personal social media",
                MustNot,
            ),
            ("(or the school logo) must not be published", MustNot),
            ("are expected to devote their contracted hours", Must),
            ("Caution is advised when inviting work colleagues", Should),
            ("Social networking sites blur the line", Info),
            (
                "are strongly advised to ensure that they set the privacy levels",
                Should,
            ),
            ("it is not safe to reveal home addresses", ShouldNot),
            ("It is a good idea to use a separate email address", Should),
            ("must take particular care with their own devices", Must),
            ("must be secured with a password", Must),
            (
                "must take additional care over their privacy settings",
                Must,
            ),
            ("can only use official school sites or school email", Must),
            ("must at all times act in the best interests", Must),
            ("must always present the school in a positive light", Must),
            ("monitors usage of its internet", Info),
            ("should have no expectation of privacy", Should),
            (
                "Any breach of this policy may lead to disciplinary action",
                Info,
            ),
            ("may result in disciplinary action or dismissal", Info),
        ],
    );
}

#[test]
fn cameley_duties_have_the_expected_modality() {
    check_table(
        "cameley-primary",
        &[
            ("This policy sets out Cameley", Info),
            ("assist schools' staff working with pupils", Info),
            (
                "give a clear message that unlawful or unsafe behaviour",
                Info,
            ),
            ("It is expected that in these circumstances", Must),
            ("It should be followed by any adult", Should),
            (
                "This policy should not be used to address issues",
                ShouldNot,
            ),
            ("should work, and be seen to work", Should),
            ("pupils need opportunities to use and explore", Info),
            (
                "Staff should not request or respond to any personal information from pupils",
                ShouldNot,
            ),
            (
                "Staff should not give their personal contact details to pupils for example",
                ShouldNot,
            ),
            (
                "the adult should not respond and must report the matter",
                Must,
            ),
            ("have a responsibility to maintain public confidence", Must),
            (
                "should always maintain appropriate professional boundaries",
                Should,
            ),
            ("will also hold an Internal Acceptable Use Policy", Info),
            ("Managing personal information effectively", Info),
            (
                "Staff should not give out their personal details",
                ShouldNot,
            ),
            (
                "Staff should use only equipment and Internet services",
                Should,
            ),
            ("Confidentiality needs to be considered at all times", Must),
            (
                "they do not put any confidential information on their site",
                MustNot,
            ),
            ("must never post derogatory remarks", MustNot),
            (
                "you should not put any information onto the site",
                ShouldNot,
            ),
            ("Adults working in schools should:", Info),
            ("never share their work log-ins or passwords", ShouldNot),
            ("keep their personal phone numbers private", Should),
            (
                "not give their personal e-mail addresses to pupils or parents",
                ShouldNot,
            ),
            ("the school e-mail address should be used", Should),
            ("understand who is allowed to view the content", Should),
            ("use school ICT equipment for personal use", ShouldNot),
            (
                "use their own mobile phones to contact pupils or parents",
                ShouldNot,
            ),
            (
                "Adults should not give their personal mobile numbers",
                ShouldNot,
            ),
            ("Internal e-mail systems should only be used", Should),
            (
                "Adults should not establish or seek to establish social contact",
                ShouldNot,
            ),
            ("There are no circumstances that will justify", MustNot),
            (
                "Accessing, making and storing indecent images of children is illegal",
                MustNot,
            ),
            (
                "neither should personal equipment containing downloaded images",
                ShouldNot,
            ),
            ("should not attempt to investigate the matter", ShouldNot),
            ("Online bullying can be defined as", Info),
            ("should not delete texts or e-mails", ShouldNot),
            ("Employees are advised to take screen prints", Should),
            ("Adults may wish to seek the support", May),
            ("Adults are encouraged to report all incidents", Should),
            ("All adults must adhere to, and apply the principles", Must),
        ],
    );
}

#[test]
fn forge_duties_have_the_expected_modality() {
    check_table(
        "forge-integrated-primary",
        &[
            ("The internet provides a range of social media tools", Info),
            ("It is crucial that pupils, parents and the public", Info),
            ("This policy applies to Forge", Info),
            ("must be followed irrespective of the medium", Must),
            (
                "Staff should be aware that disclosure of confidential",
                Should,
            ),
            ("other laws relating to libel", Should),
            (
                "keep personal and professional lives separate and avoid situations",
                Should,
            ),
            ("they should not represent personal views", ShouldNot),
            (
                "You must not discuss personal information about pupils",
                MustNot,
            ),
            (
                "Staff must not use social media and the internet in any way to comment",
                MustNot,
            ),
            ("You must be accurate, fair and transparent", Must),
            ("should be cautious in identifying themselves", Should),
            ("To do so may allow information on these sites", Info),
            (
                "must not have contact through any personal social medium",
                MustNot,
            ),
            (
                "should not have any contact with pupils’ family members",
                ShouldNot,
            ),
            ("must decline ‘friend requests’ from pupils", Must),
            (
                "staff members must not contact pupils by means of personal social media sites",
                MustNot,
            ),
            ("must not contact pupils from their former schools", MustNot),
            ("must not be discussed on their personal webspace", MustNot),
            (
                "must not be published by staff on personal webspace",
                MustNot,
            ),
            (
                "Such images should only appear on the school’s official Website",
                Should,
            ),
            ("logos or brands must not be published", MustNot),
            ("Staff are advised to exercise caution and maturity", Should),
            (
                "Respect the right of colleagues to have a personal life",
                Must,
            ),
            (
                "are strongly advised to ensure that they set the privacy levels",
                Should,
            ),
            (
                "can only use official school sites for communicating information",
                Must,
            ),
            (
                "There must be a strong pedagogical or business reason",
                Must,
            ),
            ("must be created only according to the requirements", Must),
            ("must not breach the terms and conditions", MustNot),
            ("must at all times act in the best interests", Must),
            ("monitors usage of its internet and email services", Info),
            ("Any breach of this policy may lead", Info),
        ],
    );
}

/// An agreement's entries one to a line, with no marker and no full stop: each is an entry of
/// "I agree to:", so "Avoid …" is a commitment, and none becomes a heading or vanishes.
#[test]
fn an_agreements_unmarked_entries_take_its_commitment() {
    let text = "Staff Acceptable Use Agreement\n\n\
All staff must read and sign this agreement.\n\n\
I agree to:\n\
Keep my password private and change it when asked\n\
Avoid using personal devices to store pupil data\n\
Avoid posting images of pupils on personal social media\n\
Report any concern about a pupil's safety to the DSL\n";
    let set = attest_domain::clauses::parse_text(text).expect("parses");
    let strength = |start: &str| {
        set.clauses
            .iter()
            .flat_map(|c| &c.duties)
            .find(|d| d.text.starts_with(start))
            .map(|d| d.modality)
    };
    assert_eq!(strength("Keep my password"), Some(Must));
    assert_eq!(strength("Avoid using personal devices"), Some(MustNot));
    assert_eq!(strength("Avoid posting images"), Some(MustNot));
    assert_eq!(strength("Report any concern"), Some(Must));
}
