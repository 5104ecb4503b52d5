//! The directory: reference data, search, confirmation of flagged
//! memberships, forms, CSV import and export.

use convene::db::DbConnection;
use convene::db::directory::{contacts, groups, organisations, seed, states};
use convene::db::schema::{audit_log, contacts as contacts_table};
use diesel::prelude::*;

use crate::fixtures::{add_coordinator, create_meeting};
use crate::helpers::{TestApp, csrf_token, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann Example");
    app.login_as("ann@wipo.int").await;
    app
}

fn audit_count(app: &TestApp, action: &str) -> i64 {
    let mut conn = app.conn();
    let conn: &mut DbConnection = &mut conn;
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)
        .expect("audit count")
}

fn contact_count(app: &TestApp) -> i64 {
    let mut conn = app.conn();
    contacts::count(&mut conn).expect("count")
}

fn state_id(app: &TestApp, code: &str) -> i64 {
    states::by_code(&mut app.conn(), code)
        .expect("query")
        .expect("state exists")
        .id
}

/// The table row of one state on the states page.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} is on the page"));
    let end = html[start..].find("</tr>").expect("row ends") + start;
    &html[start..end]
}

async fn token(app: &TestApp) -> String {
    csrf_token(&app.get_html("/directory").await)
}

/// Sends a CSV through the upload form, as a file.
async fn upload(app: &TestApp, kind: &str, csv: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token(app).await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
                .file_name("import.csv")
                .mime_str("text/csv")
                .expect("mime"),
        )
        .text("text", "");
    app.client
        .post(app.url(&format!("/directory/import/{kind}")))
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

/// The value of a hidden field, unescaped as a browser would.
fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("hidden field") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end]
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn confirm_import(app: &TestApp, kind: &str, csv: &str) -> reqwest::Response {
    app.post_form(
        &format!("/directory/import/{kind}"),
        &format!("/directory/import/{kind}/confirm"),
        &[("csv", csv)],
    )
    .await
}

#[tokio::test]
async fn reference_data_is_loaded_on_first_start_and_flagged_memberships_are_shown_as_such() {
    let app = logged_in().await;
    let overview = app.get_html("/directory").await;
    assert!(overview.contains("id=\"count-groups\">7<"), "{overview}");
    assert!(overview.contains("id=\"count-states\">193<"));
    assert!(overview.contains("id=\"count-organisations\">30<"));
    assert!(
        overview.contains("href=\"/directory\">Directory</a>"),
        "nav link"
    );

    let html = app.get_html("/directory/states").await;
    assert!(html.contains("193 member states"));
    let moldova = row(&html, "state-MD");
    assert!(moldova.contains("CEBS"));
    assert!(moldova.contains("Check first: uncertain"), "{moldova}");
    assert!(moldova.contains("badge doubt"));
    assert!(moldova.contains("Confirm membership"));
    let israel = row(&html, "state-IL");
    assert!(israel.contains("Check first: inferred-review"), "{israel}");
    let france = row(&html, "state-FR");
    assert!(france.contains("Needs confirmation: inferred"), "{france}");
    let china = row(&html, "state-CN");
    assert!(!china.contains("Needs confirmation") && !china.contains("Check first"));
    assert!(!china.contains("Confirm membership"));

    let flagged = app.get_html("/directory/states?flagged=1").await;
    assert!(flagged.contains("169 member states"), "193 - 24 sourced");

    let groups = app.get_html("/directory/groups").await;
    assert!(groups.contains("African Group") && groups.contains("GRULAC"));
    let orgs = app.get_html("/directory/organisations?kind=ngo").await;
    assert!(orgs.contains("10 organisations"), "{orgs}");

    // A second start finds the directory filled and leaves it alone.
    let mut conn = app.conn();
    assert_eq!(
        seed::load_reference_if_empty(&mut conn).expect("runs"),
        None
    );
    assert_eq!(states::count(&mut conn).expect("count"), 193);
    assert_eq!(groups::count(&mut conn).expect("count"), 7);
    assert_eq!(organisations::count(&mut conn).expect("count"), 30);
    assert_eq!(audit_count(&app, "directory.reference.load"), 1);
}

#[tokio::test]
async fn confirming_a_membership_removes_the_flag_and_is_audited() {
    let app = logged_in().await;
    let id = state_id(&app, "MD");
    let response = app
        .post_form(
            "/directory/states?q=moldova",
            &format!("/directory/states/{id}/confirm"),
            &[("back", "/directory/states?q=moldova")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/directory/states?q=moldova");
    let html = app.get_html("/directory/states?q=moldova").await;
    let moldova = row(&html, "state-MD");
    assert!(!moldova.contains("Check first"), "{moldova}");
    assert!(!moldova.contains("Confirm membership"));
    assert!(moldova.contains("confirmed"));
    assert_eq!(audit_count(&app, "directory.state.confirm"), 1);
}

#[tokio::test]
async fn search_finds_a_state_by_name_and_by_code() {
    let app = logged_in().await;
    let by_name = app.get_html("/directory/states?q=SWITZ").await;
    assert!(by_name.contains("1 member states"), "{by_name}");
    assert!(by_name.contains("id=\"state-CH\""));

    let by_code = app.get_html("/directory/states?q=ch").await;
    let first = by_code.find("id=\"state-").expect("a row");
    assert!(
        by_code[first..].starts_with("id=\"state-CH\""),
        "the exact code comes first"
    );
    assert!(!by_code.contains("id=\"state-FR\""));

    let china = groups::list(&mut app.conn())
        .expect("groups")
        .into_iter()
        .find(|g| g.name == "China")
        .expect("China group");
    let in_group = app
        .get_html(&format!("/directory/states?group={}", china.id))
        .await;
    assert!(in_group.contains("1 member states"), "{in_group}");
    assert!(in_group.contains("id=\"state-CN\""));
}

#[tokio::test]
async fn adding_a_contact_with_a_bad_email_re_renders_with_the_input_kept_and_writes_nothing() {
    let app = logged_in().await;
    let affiliation = format!("state:{}", state_id(&app, "CH"));
    let response = app
        .post_form(
            "/directory/contacts/new",
            "/directory/contacts",
            &[
                ("name", "Beat Muster"),
                ("email", "beat.muster-at-admin.ch"),
                ("language", "fr"),
                ("affiliation", &affiliation),
                ("coordinator_of", ""),
                ("invitation_recipient", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("value=\"Beat Muster\""));
    assert!(html.contains("value=\"beat.muster-at-admin.ch\""));
    assert!(html.contains(&format!("value=\"{affiliation}\" selected")));
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"email-error\""));
    assert!(html.contains("class=\"field-error\" id=\"email-error\""));
    assert!(html.contains("field invalid"));
    assert_eq!(contact_count(&app), 0);
    assert_eq!(audit_count(&app, "directory.contact.insert"), 0);
}

#[tokio::test]
async fn a_contact_can_be_added_edited_and_removed() {
    let app = logged_in().await;
    let affiliation = format!("state:{}", state_id(&app, "CH"));
    let group = groups::list(&mut app.conn())
        .expect("groups")
        .into_iter()
        .find(|g| g.name == "Group B")
        .expect("Group B");
    let group_id = group.id.to_string();
    let added = app
        .post_form(
            "/directory/contacts/new",
            "/directory/contacts",
            &[
                ("name", "Beat Muster"),
                ("email", "Beat.Muster@ADMIN.ch"),
                ("language", "FR"),
                ("affiliation", &affiliation),
                ("coordinator_of", &group_id),
                ("invitation_recipient", "yes"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let list = app.get_html("/directory/contacts?q=muster").await;
    assert!(list.contains("Beat.Muster@admin.ch"), "{list}");
    assert!(list.contains("Switzerland (CH)"));
    let mut conn = app.conn();
    let coordinators = contacts::coordinators_of(&mut conn, group.group_id()).expect("query");
    assert_eq!(coordinators.len(), 1);
    assert_eq!(coordinators[0].language, "fr");
    let id = coordinators[0].id;
    let groups_page = app.get_html("/directory/groups").await;
    assert!(row(&groups_page, &format!("group-{}", group.id)).contains("Beat Muster"));

    let edited = app
        .post_form(
            &format!("/directory/contacts/{id}/edit"),
            &format!("/directory/contacts/{id}"),
            &[
                ("name", "Beat Muster-Meier"),
                ("email", "beat@admin.ch"),
                ("language", "de"),
                ("affiliation", &affiliation),
                ("coordinator_of", ""),
            ],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let contact = contacts::get(&mut conn, convene::domain::directory::ContactId(id))
        .expect("query")
        .expect("still there");
    assert_eq!(contact.name, "Beat Muster-Meier");
    assert_eq!(contact.coordinator_of, None);
    assert!(!contact.invitation_recipient, "an unticked box means no");
    assert_eq!(
        contacts::for_state(
            &mut conn,
            convene::domain::directory::StateId(state_id(&app, "CH"))
        )
        .expect("query")
        .len(),
        1
    );

    let confirm_page = app
        .get_html(&format!("/directory/contacts/{id}/remove"))
        .await;
    assert!(confirm_page.contains("Yes, remove"));
    assert_eq!(contact_count(&app), 1, "asking is not removing");
    let removed = app
        .post_form(
            &format!("/directory/contacts/{id}/remove"),
            &format!("/directory/contacts/{id}/remove"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(contact_count(&app), 0);
    for action in ["insert", "update", "delete"] {
        assert_eq!(audit_count(&app, &format!("directory.contact.{action}")), 1);
    }
}

#[tokio::test]
async fn organisations_and_states_can_be_edited_and_organisations_removed() {
    let app = logged_in().await;
    let added = app
        .post_form(
            "/directory/organisations/new",
            "/directory/organisations",
            &[
                ("name", "Example Network"),
                ("acronym", "EXN"),
                ("kind", "ngo"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let duplicate = app
        .post_form(
            "/directory/organisations/new",
            "/directory/organisations",
            &[("name", "example network"), ("kind", "igo")],
        )
        .await;
    assert_eq!(duplicate.status(), 422, "names are unique, ignoring case");
    let org = organisations::by_name(&mut app.conn(), "Example Network")
        .expect("query")
        .expect("added");
    assert!(!org.observer);
    let edited = app
        .post_form(
            &format!("/directory/organisations/{}/edit", org.id),
            &format!("/directory/organisations/{}", org.id),
            &[
                ("name", "Example Network"),
                ("acronym", "EXN"),
                ("kind", "ngo"),
                ("observer", "yes"),
            ],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let observers = app
        .get_html("/directory/organisations?q=exn&observer=yes")
        .await;
    assert!(observers.contains("Example Network"), "{observers}");
    let removed = app
        .post_form(
            &format!("/directory/organisations/{}/remove", org.id),
            &format!("/directory/organisations/{}/remove", org.id),
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert!(
        organisations::by_name(&mut app.conn(), "Example Network")
            .expect("query")
            .is_none()
    );

    // Moving Armenia to CEBS is the secretariat's decision: confirmed.
    let cebs = groups::list(&mut app.conn())
        .expect("groups")
        .into_iter()
        .find(|g| g.name == "CEBS")
        .expect("CEBS");
    let id = state_id(&app, "AM");
    let moved = app
        .post_form(
            &format!("/directory/states/{id}/edit"),
            &format!("/directory/states/{id}"),
            &[
                ("name", "Armenia"),
                ("code", "am"),
                ("group", &cebs.id.to_string()),
            ],
        )
        .await;
    assert_eq!(moved.status(), 303);
    let armenia = states::by_code(&mut app.conn(), "AM")
        .expect("query")
        .expect("there");
    assert_eq!(armenia.group_id, Some(cebs.id));
    assert_eq!(armenia.group_confidence, "confirmed");
    let bad = app
        .post_form(
            &format!("/directory/states/{id}/edit"),
            &format!("/directory/states/{id}"),
            &[("name", "Armenia"), ("code", "ARM"), ("group", "")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.expect("body").contains("value=\"ARM\""));
}

const CONTACTS_CSV: &str =
    "name,email,language,state,organisation,coordinator_of,invitation_recipient
Beat Muster,beat@admin.ch,fr,CH,,Group B,yes
Ana Pérez,ana@sre.gob.mx,es,MX,,GRULAC,yes
Olu Ade,olu@au.int,en,,African Union,,no
";

#[tokio::test]
async fn a_csv_import_with_one_bad_row_writes_nothing_and_names_the_row() {
    let app = logged_in().await;
    let bad = CONTACTS_CSV.replace("ana@sre.gob.mx", "ana-at-sre");
    let preview = upload(&app, "contacts", &bad).await;
    assert_eq!(preview.status(), 422);
    let html = preview.text().await.expect("body");
    assert!(html.contains("1 of 3 rows have problems"), "{html}");
    let line = row(&html, "line-3");
    assert!(line.contains("Line 3: email:"), "{line}");
    assert!(
        !html.contains("/directory/import/contacts/confirm"),
        "no confirm button"
    );

    let unknown = CONTACTS_CSV.replace(",MX,", ",XX,");
    let html = upload(&app, "contacts", &unknown)
        .await
        .text()
        .await
        .expect("body");
    assert!(
        row(&html, "line-3").contains("no member state has the code XX"),
        "{html}"
    );

    // Even sent straight to the confirm step, a bad file writes nothing.
    let forced = confirm_import(&app, "contacts", &bad).await;
    assert_eq!(forced.status(), 422);
    assert_eq!(contact_count(&app), 0);
    assert_eq!(audit_count(&app, "directory.contacts.import"), 0);
}

#[tokio::test]
async fn a_good_import_writes_every_row() {
    let app = logged_in().await;
    let preview = upload(&app, "contacts", CONTACTS_CSV).await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.expect("body");
    assert!(html.contains("All 3 rows are correct"), "{html}");
    assert!(html.contains("Import all 3 rows"));
    assert_eq!(contact_count(&app), 0, "the preview writes nothing");

    // The confirm button sends back exactly what was checked.
    let carried = hidden_value(&html, "csv");
    assert_eq!(carried.replace("\r\n", "\n"), CONTACTS_CSV);
    let done = confirm_import(&app, "contacts", &carried).await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        location(&done),
        "/directory/import/contacts?added=3&updated=0"
    );
    assert_eq!(contact_count(&app), 3);
    assert_eq!(audit_count(&app, "directory.contacts.import"), 1);
    let mut conn = app.conn();
    let olu: String = contacts_table::table
        .filter(contacts_table::email.eq("olu@au.int"))
        .select(contacts_table::name)
        .first(&mut *conn)
        .expect("imported");
    assert_eq!(olu, "Olu Ade");

    // The same file again updates instead of duplicating.
    let again = confirm_import(&app, "contacts", CONTACTS_CSV).await;
    assert_eq!(
        location(&again),
        "/directory/import/contacts?added=0&updated=3"
    );
    assert_eq!(contact_count(&app), 3);
}

#[tokio::test]
async fn export_then_import_round_trips() {
    let app = logged_in().await;
    assert_eq!(
        confirm_import(&app, "contacts", CONTACTS_CSV)
            .await
            .status(),
        303
    );
    for kind in ["states", "organisations", "contacts"] {
        let response = app.get(&format!("/directory/{kind}.csv")).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("text/csv")
        );
        let exported = response.text().await.expect("body");
        let done = confirm_import(&app, kind, &exported).await;
        assert_eq!(done.status(), 303, "{kind}");
        assert!(
            location(&done).contains("added=0"),
            "{kind}: {}",
            location(&done)
        );
        let again = app.get_html(&format!("/directory/{kind}.csv")).await;
        assert_eq!(again, exported, "{kind} is unchanged by its own export");
    }
    let states = app.get_html("/directory/states.csv").await;
    assert!(states.starts_with("code,name,group,group_confidence,group_note\n"));
    assert_eq!(states.lines().count(), 194);
    assert!(states.contains("MD,Republic of Moldova,CEBS,uncertain,"));
}

#[tokio::test]
async fn directory_pages_redirect_to_login_when_logged_out() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    for path in [
        "/directory",
        "/directory/groups",
        "/directory/states",
        "/directory/organisations",
        "/directory/contacts",
        "/directory/contacts/new",
        "/directory/states/new",
        "/directory/contacts.csv",
        "/directory/import/states",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert!(location(&response).starts_with("/login?next="), "{path}");
    }
    let id = state_id(&app, "MD");
    let response = app
        .post_form("/login", &format!("/directory/states/{id}/confirm"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/login"));
    assert_eq!(audit_count(&app, "directory.state.confirm"), 0);
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = logged_in().await;
    let id = state_id(&app, "MD");
    let refused = app
        .post_raw(&format!("/directory/states/{id}/confirm"), &[])
        .await;
    assert_eq!(refused.status(), 403);
    let forged = app
        .post_raw(
            &format!("/directory/states/{id}/confirm"),
            &[("csrf_token", "00ff")],
        )
        .await;
    assert_eq!(forged.status(), 403);

    let upload_without_token = reqwest::multipart::Form::new().text("text", CONTACTS_CSV);
    let response = app
        .client
        .post(app.url("/directory/import/contacts"))
        .multipart(upload_without_token)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 403);
    let confirm = app
        .post_raw(
            "/directory/import/contacts/confirm",
            &[("csv", CONTACTS_CSV)],
        )
        .await;
    assert_eq!(confirm.status(), 403);

    let moldova = states::by_code(&mut app.conn(), "MD")
        .expect("query")
        .expect("there");
    assert_eq!(moldova.group_confidence, "uncertain");
    assert_eq!(contact_count(&app), 0);
    assert_eq!(audit_count(&app, "directory.state.confirm"), 0);
}

#[tokio::test]
async fn the_command_line_exports_a_list_as_csv() {
    let app = logged_in().await;
    assert_eq!(
        confirm_import(&app, "contacts", CONTACTS_CSV)
            .await
            .status(),
        303
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["directory", "export", "--kind", "contacts"])
        .env_clear()
        .env("DATABASE_URL", &app.db_url)
        .output()
        .expect("convene runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(csv, app.get_html("/directory/contacts.csv").await);
    assert!(
        csv.contains("Ana Pérez,ana@sre.gob.mx,es,MX,,GRULAC,yes"),
        "{csv}"
    );
}

fn group_named(app: &TestApp, name: &str) -> groups::Group {
    groups::list(&mut app.conn())
        .expect("groups")
        .into_iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("{name} exists"))
}

/// The codes of the states in a group, sorted.
fn members_of(app: &TestApp, group: i64) -> Vec<String> {
    let filter = states::StateFilter {
        group: Some(convene::domain::directory::GroupId(group)),
        ..states::StateFilter::default()
    };
    let mut codes: Vec<String> = states::list(&mut app.conn(), &filter)
        .expect("states")
        .into_iter()
        .map(|row| row.state.iso2)
        .collect();
    codes.sort();
    codes
}

#[tokio::test]
async fn a_member_state_added_by_hand_is_recorded_as_confirmed_in_its_group() {
    let app = logged_in().await;
    let list = app.get_html("/directory/states").await;
    assert!(
        list.contains("href=\"/directory/states/new\""),
        "link to add"
    );
    let form = app.get_html("/directory/states/new").await;
    assert!(form.contains("Add a member state"));
    assert!(form.contains("action=\"/directory/states\""));
    let cebs = group_named(&app, "CEBS");
    let added = app
        .post_form(
            "/directory/states/new",
            "/directory/states",
            &[
                ("code", " xk "),
                ("name", "Kosovo"),
                ("group", &cebs.id.to_string()),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    assert_eq!(location(&added), "/directory/states");
    let kosovo = states::by_code(&mut app.conn(), "XK")
        .expect("query")
        .expect("added, code upper-cased");
    assert_eq!(kosovo.name, "Kosovo");
    assert_eq!(kosovo.group_id, Some(cebs.id));
    assert_eq!(kosovo.group_confidence, "confirmed");
    assert_eq!(states::count(&mut app.conn()).expect("count"), 194);
    assert_eq!(audit_count(&app, "directory.state.insert"), 1);
    let html = app.get_html("/directory/states?q=kosovo").await;
    let row = row(&html, "state-XK");
    assert!(
        row.contains("CEBS") && !row.contains("Confirm membership"),
        "{row}"
    );
}

#[tokio::test]
async fn adding_a_member_state_with_a_code_already_taken_is_refused_at_the_field_with_the_input_kept()
 {
    let app = logged_in().await;
    let group_b = group_named(&app, "Group B");
    let duplicate = app
        .post_form(
            "/directory/states/new",
            "/directory/states",
            &[
                ("code", "ch"),
                ("name", "Confoederatio Helvetica"),
                ("group", &group_b.id.to_string()),
            ],
        )
        .await;
    assert_eq!(duplicate.status(), 422);
    let html = duplicate.text().await.expect("body");
    assert!(html.contains("value=\"ch\""), "{html}");
    assert!(html.contains("value=\"Confoederatio Helvetica\""));
    assert!(html.contains(&format!("value=\"{}\" selected", group_b.id)));
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"code-error\""));
    assert!(html.contains("another member state already has this code"));
    assert!(
        html.contains("action=\"/directory/states\""),
        "still the add form"
    );

    let malformed = app
        .post_form(
            "/directory/states/new",
            "/directory/states",
            &[("code", "CHE"), ("name", ""), ("group", "")],
        )
        .await;
    assert_eq!(malformed.status(), 422);
    let html = malformed.text().await.expect("body");
    assert!(html.contains("value=\"CHE\""));
    assert!(html.contains("id=\"code-error\"") && html.contains("id=\"name-error\""));

    let switzerland = states::by_code(&mut app.conn(), "CH")
        .expect("query")
        .expect("there");
    assert_eq!(switzerland.name, "Switzerland");
    assert_eq!(states::count(&mut app.conn()).expect("count"), 193);
    assert_eq!(audit_count(&app, "directory.state.insert"), 0);
}

#[tokio::test]
async fn removing_a_member_state_after_confirmation_removes_it_and_its_contacts() {
    let app = logged_in().await;
    for (name, email, code) in [
        ("Beat Muster", "beat@admin.ch", "CH"),
        ("Anna Keller", "anna@admin.ch", "CH"),
        ("Marie Dupont", "marie@diplomatie.gouv.fr", "FR"),
    ] {
        let affiliation = format!("state:{}", state_id(&app, code));
        let added = app
            .post_form(
                "/directory/contacts/new",
                "/directory/contacts",
                &[
                    ("name", name),
                    ("email", email),
                    ("language", "fr"),
                    ("affiliation", &affiliation),
                    ("coordinator_of", ""),
                    ("invitation_recipient", "yes"),
                ],
            )
            .await;
        assert_eq!(added.status(), 303, "{name}");
    }
    let id = state_id(&app, "CH");
    let list = app.get_html("/directory/states?q=ch").await;
    assert!(row(&list, "state-CH").contains(&format!("href=\"/directory/states/{id}/remove\"")));

    let confirm_page = app
        .get_html(&format!("/directory/states/{id}/remove"))
        .await;
    assert!(confirm_page.contains("Switzerland (CH)"), "{confirm_page}");
    assert!(
        confirm_page.contains("Its 2 contacts are removed with it."),
        "{confirm_page}"
    );
    assert!(confirm_page.contains("Yes, remove"));
    assert_eq!(contact_count(&app), 3, "asking is not removing");

    let forged = app
        .post_raw(&format!("/directory/states/{id}/remove"), &[])
        .await;
    assert_eq!(forged.status(), 403);
    assert!(
        states::by_code(&mut app.conn(), "CH")
            .expect("query")
            .is_some()
    );

    let removed = app
        .post_form(
            &format!("/directory/states/{id}/remove"),
            &format!("/directory/states/{id}/remove"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(location(&removed), "/directory/states");
    assert!(
        states::by_code(&mut app.conn(), "CH")
            .expect("query")
            .is_none()
    );
    assert_eq!(contact_count(&app), 1, "only the French contact is left");
    assert_eq!(states::count(&mut app.conn()).expect("count"), 192);
    assert_eq!(audit_count(&app, "directory.state.delete"), 1);
    let again = app.get(&format!("/directory/states/{id}/remove")).await;
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn removing_a_group_that_a_meeting_consults_is_refused_and_changes_nothing() {
    let app = logged_in().await;
    let grulac = group_named(&app, "GRULAC");
    let members = members_of(&app, grulac.id);
    assert!(!members.is_empty());
    create_meeting(&app, &[grulac.id]).await;

    let page = app
        .get_html(&format!("/directory/groups/{}/remove", grulac.id))
        .await;
    assert!(page.contains("GRULAC cannot be removed"), "{page}");
    assert!(page.contains("Informal consultation on broadcasting"));
    assert!(!page.contains("Yes, remove"), "no button to press");

    let refused = app
        .post_form(
            "/directory/groups",
            &format!("/directory/groups/{}/remove", grulac.id),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(refused.status(), 409);
    let html = refused.text().await.expect("body");
    assert!(
        html.contains("Informal consultation on broadcasting"),
        "{html}"
    );

    assert!(
        groups::get(&mut app.conn(), grulac.group_id())
            .expect("query")
            .is_some()
    );
    assert_eq!(members_of(&app, grulac.id), members);
    assert_eq!(audit_count(&app, "directory.group.delete"), 0);
}

#[tokio::test]
async fn removing_a_group_no_meeting_consults_leaves_its_states_without_a_group() {
    let app = logged_in().await;
    let grulac = group_named(&app, "GRULAC");
    let members = members_of(&app, grulac.id);
    add_coordinator(&app, grulac.id, "coordinator@mission.example", "es");
    let list = app.get_html("/directory/groups").await;
    assert!(
        row(&list, &format!("group-{}", grulac.id))
            .contains(&format!("href=\"/directory/groups/{}/remove\"", grulac.id))
    );

    let confirm_page = app
        .get_html(&format!("/directory/groups/{}/remove", grulac.id))
        .await;
    assert!(
        confirm_page.contains(&format!(
            "Its {} member states will be left without a group, \
             and its 1 coordinator will no longer coordinate it.",
            members.len()
        )),
        "{confirm_page}"
    );
    assert!(
        groups::get(&mut app.conn(), grulac.group_id())
            .expect("query")
            .is_some(),
        "asking is not removing"
    );

    let removed = app
        .post_form(
            &format!("/directory/groups/{}/remove", grulac.id),
            &format!("/directory/groups/{}/remove", grulac.id),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(location(&removed), "/directory/groups");
    assert!(
        groups::get(&mut app.conn(), grulac.group_id())
            .expect("query")
            .is_none()
    );
    assert_eq!(states::count(&mut app.conn()).expect("count"), 193);
    for code in &members {
        let state = states::by_code(&mut app.conn(), code)
            .expect("query")
            .expect("the state stays");
        assert_eq!(state.group_id, None, "{code}");
    }
    assert_eq!(contact_count(&app), 1, "the coordinator stays a contact");
    let coordinator: Option<i64> = contacts_table::table
        .select(contacts_table::coordinator_of)
        .first(&mut *app.conn())
        .expect("coordinator row");
    assert_eq!(coordinator, None);
    assert_eq!(audit_count(&app, "directory.group.delete"), 1);
}
