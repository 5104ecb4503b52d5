//! Replies through the invitee's personal link, and the participant list.
//!
//! Links are made here directly (a token and its digest row) rather than read
//! from the invitation emails, so that these tests do not depend on how the
//! emails are written.

use convene::db::schema::{delegates, invitation_links, invitation_recipients, invitees, meetings};
use convene::domain::token::Token;
use diesel::prelude::*;

use crate::fixtures::{
    Visitor, add_organisation_contact, invited_meeting, send_invitations, sql_instant,
};
use crate::helpers::{TestApp, csrf_token, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// A fresh personal link (`/i/<token>`) for the recipient with this address,
/// stored as its digest as sending would store it.
pub fn personal_link(app: &TestApp, recipient_email: &str) -> String {
    let recipient: i64 = invitation_recipients::table
        .filter(invitation_recipients::email.eq(recipient_email))
        .select(invitation_recipients::id)
        .first(&mut *app.conn())
        .expect("a recipient with this address");
    let token = Token::generate();
    diesel::insert_into(invitation_links::table)
        .values((
            invitation_links::recipient_id.eq(recipient),
            invitation_links::token_hash.eq(token.digest()),
            invitation_links::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *app.conn())
        .expect("link");
    format!("/i/{}", token.expose())
}

pub fn recipient_id(app: &TestApp, email: &str) -> i64 {
    invitation_recipients::table
        .filter(invitation_recipients::email.eq(email))
        .select(invitation_recipients::id)
        .first(&mut *app.conn())
        .expect("recipient")
}

/// The stored reply of the invitee with this name: response, note, and the
/// recipient who saved it.
fn stored_reply(app: &TestApp, invitee: &str) -> (Option<String>, String, Option<i64>) {
    invitees::table
        .filter(invitees::name.eq(invitee))
        .select((invitees::response, invitees::note, invitees::responded_by))
        .first(&mut *app.conn())
        .expect("invitee")
}

/// The stored delegation of the invitee with this name, in order.
fn stored_delegation(app: &TestApp, invitee: &str) -> Vec<(String, String)> {
    delegates::table
        .inner_join(invitees::table)
        .filter(invitees::name.eq(invitee))
        .order(delegates::position)
        .select((delegates::name, delegates::function))
        .load(&mut *app.conn())
        .expect("delegates")
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Posts `fields` to `path` with a CSRF token the visitor already holds.
pub async fn post_with(
    visitor: &Visitor,
    path: &str,
    csrf: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let mut all = vec![("csrf_token".to_owned(), csrf.to_owned())];
    all.extend_from_slice(fields);
    visitor
        .client
        .post(format!("{}{path}", visitor.address))
        .form(&all)
        .send()
        .await
        .expect("POST")
}

fn in_person_with_two() -> Vec<(String, String)> {
    fields(&[
        ("response", "in_person"),
        ("d.name.0", "Ana Ruiz"),
        ("d.function.0", "Ambassador"),
        ("d.name.1", "Ben Keller"),
        ("d.function.1", "Counsellor"),
        ("d.name.2", ""),
        ("d.function.2", ""),
        ("note", "Arriving on Monday."),
    ])
}

#[tokio::test]
async fn an_invitee_replies_in_person_with_a_delegation_of_two_and_sees_it_confirmed() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    app.execute(&format!(
        "UPDATE meetings SET approved_venue = 'WIPO, Room B' WHERE id = {id}"
    ));
    let link = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);

    let form = visitor.get(&link).await;
    assert_eq!(form.status(), 200);
    let html = form.text().await.expect("body");
    for expected in [
        "<html lang=\"en\">",
        "Informal consultation on broadcasting",
        "Agree on the dates of an ad hoc informal meeting.",
        "Copyright Law Division",
        "Invitation for <strong>Japan</strong>",
        "(Europe/Zurich)",
        "09:00 UTC",
        "WIPO, Room B",
        "This link is personal to Japan Mission",
        "No reply has been given yet.",
        "<legend>Will Japan attend?</legend>",
        "value=\"in_person\"",
        "value=\"remote\"",
        "value=\"not_attending\"",
        "<label for=\"d-name-2\">",
        "<label for=\"note\">",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    assert!(!html.contains("d.name.3"), "three empty rows to start with");

    let response = visitor.submit(&link, &in_person_with_two()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("{link}?saved=1"));

    let html = visitor.html(&location(&response)).await;
    for expected in [
        "your reply is saved",
        "<dt>Attendance</dt><dd>Attending in person</dd>",
        "<li>Ana Ruiz, Ambassador</li>",
        "<li>Ben Keller, Counsellor</li>",
        "Arriving on Monday.",
        "by Japan Mission, ",
        "value=\"in_person\" checked",
        "value=\"Ana Ruiz\"",
        "name=\"d.name.4\"",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    assert!(
        !html.contains("d.name.5"),
        "the two delegates and three empty rows"
    );

    assert_eq!(
        stored_reply(&app, "Japan"),
        (
            Some("in_person".to_owned()),
            "Arriving on Monday.".to_owned(),
            Some(recipient_id(&app, "jp@mission.example"))
        )
    );
    assert_eq!(
        stored_delegation(&app, "Japan"),
        vec![
            ("Ana Ruiz".to_owned(), "Ambassador".to_owned()),
            ("Ben Keller".to_owned(), "Counsellor".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_second_recipient_of_the_same_party_sees_the_reply_and_changes_it() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let first = personal_link(&app, "br@mission.example");
    let second = personal_link(&app, "br2@mission.example");
    let mission = Visitor::new(&app);
    let counsellor = Visitor::new(&app);

    let reply = fields(&[
        ("response", "remote"),
        ("d.name.0", "Carla Souza"),
        ("d.function.0", "Minister Counsellor"),
    ]);
    assert_eq!(mission.submit(&first, &reply).await.status(), 303);

    let html = counsellor.html(&second).await;
    assert!(
        html.contains("<dt>Participación</dt><dd>A distancia</dd>"),
        "{html}"
    );
    assert!(html.contains("Carla Souza, Minister Counsellor"));
    assert!(html.contains("por Misión del Brasil, el "));
    assert!(html.contains("value=\"remote\" checked"));

    let change = fields(&[
        ("response", "not_attending"),
        ("d.name.0", "Carla Souza"),
        ("d.function.0", "Minister Counsellor"),
        ("note", "Regrets."),
    ]);
    assert_eq!(counsellor.submit(&second, &change).await.status(), 303);
    assert_eq!(
        stored_reply(&app, "Brazil"),
        (
            Some("not_attending".to_owned()),
            "Regrets.".to_owned(),
            Some(recipient_id(&app, "br2@mission.example"))
        )
    );
    assert!(
        stored_delegation(&app, "Brazil").is_empty(),
        "no delegation when not attending"
    );
    let html = mission.html(&first).await;
    assert!(html.contains("<dd>No participará</dd>"), "{html}");
    assert!(html.contains("por Brazil Counsellor, el "), "{html}");
}

#[tokio::test]
async fn an_invalid_reply_is_shown_again_as_typed_with_messages_and_nothing_is_saved() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let link = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);
    let typed = fields(&[
        ("d.name.0", "Kenji Sato"),
        ("d.function.0", "Ambassador"),
        ("d.name.1", ""),
        ("d.function.1", "Counsellor"),
        ("note", "Please keep this note."),
    ]);
    let response = visitor.submit(&link, &typed).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    for expected in [
        "Your reply was not saved.",
        "<p class=\"field-error\" id=\"response-error\">Choose whether you will attend.</p>",
        "aria-describedby=\"response-error\"",
        "id=\"delegates-error\">Give the name of the delegate whose function is “Counsellor”.",
        "name=\"d.name.1\" value=\"\" maxlength=\"200\" autocomplete=\"off\" aria-invalid=\"true\" aria-describedby=\"delegates-error\"",
        "value=\"Kenji Sato\"",
        "value=\"Counsellor\"",
        "Please keep this note.",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    assert_eq!(stored_reply(&app, "Japan"), (None, String::new(), None));
    assert!(stored_delegation(&app, "Japan").is_empty());
}

#[tokio::test]
async fn in_person_is_neither_offered_nor_accepted_when_the_meeting_is_decided_online_only() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let stored: String = meetings::table
        .find(id)
        .select(meetings::modalities)
        .first(&mut *app.conn())
        .expect("modalities");
    assert_eq!(
        stored, r#"["in_person","hybrid","virtual"]"#,
        "in person was offered to the groups"
    );
    app.execute(&format!(
        "UPDATE meetings SET approved_modality = 'virtual', approved_venue = '' WHERE id = {id}"
    ));
    let link = personal_link(&app, "ch@mission.example");
    let visitor = Visitor::new(&app);

    let html = visitor.html(&link).await;
    assert!(!html.contains("value=\"in_person\""), "{html}");
    assert!(html.contains("value=\"remote\""));

    let response = visitor
        .submit(
            &link,
            &fields(&[
                ("response", "in_person"),
                ("d.name.0", "Ana Ruiz"),
                ("d.function.0", "Ambassador"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("id=\"response-error\">Cette réunion se tient uniquement en ligne.</p>"),
        "{html}"
    );
    assert!(html.contains("value=\"Ana Ruiz\""));
    assert_eq!(stored_reply(&app, "Switzerland").0, None);
    assert!(stored_delegation(&app, "Switzerland").is_empty());
}

#[tokio::test]
async fn once_the_meeting_has_started_the_reply_is_read_only_and_a_post_is_refused() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let link = personal_link(&app, "ch@mission.example");
    let visitor = Visitor::new(&app);
    assert_eq!(
        visitor.submit(&link, &in_person_with_two()).await.status(),
        303
    );
    let csrf = csrf_token(&visitor.html(&link).await);
    app.execute(&format!(
        "UPDATE meetings SET approved_start = {} WHERE id = {id}",
        sql_instant(&app, -1)
    ));

    let page = visitor.get(&link).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("La réunion a commencé : la réponse ne peut plus être modifiée."),
        "{html}"
    );
    assert!(
        html.contains("Ana Ruiz, Ambassador"),
        "the reply stays visible"
    );
    assert!(!html.contains("<form method=\"post\" action=\"/i/"));

    let response = post_with(
        &visitor,
        &link,
        &csrf,
        &fields(&[("response", "not_attending")]),
    )
    .await;
    assert_eq!(response.status(), 409);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Rien n’a été enregistré.")
    );
    assert_eq!(
        stored_reply(&app, "Switzerland").0.as_deref(),
        Some("in_person")
    );
    assert_eq!(stored_delegation(&app, "Switzerland").len(), 2);
}

#[tokio::test]
async fn a_cancelled_meeting_takes_no_replies() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let link = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);
    let csrf = csrf_token(&visitor.html(&link).await);
    app.execute(&format!(
        "UPDATE meetings SET status = 'cancelled' WHERE id = {id}"
    ));

    let html = visitor.html(&link).await;
    assert!(html.contains("This meeting has been cancelled"), "{html}");
    assert!(!html.contains("<form method=\"post\" action=\"/i/"));

    let response = post_with(&visitor, &link, &csrf, &fields(&[("response", "remote")])).await;
    assert_eq!(response.status(), 409);
    assert_eq!(stored_reply(&app, "Japan"), (None, String::new(), None));
}

/// Moves the approved meeting to Friday 8 January 2049, 09:00 UTC (10:00 in
/// Zurich) until Saturday 9 January, 16:00 UTC, so that dates can be read
/// word for word.
fn on_fixed_days(app: &TestApp, id: i64) {
    app.execute(&format!(
        "UPDATE meetings SET approved_start = '2049-01-08 09:00:00', \
         approved_end = '2049-01-09 16:00:00' WHERE id = {id}"
    ));
}

/// A note one character too long.
fn long_note() -> String {
    "n".repeat(2001)
}

#[tokio::test]
async fn a_french_recipient_reads_the_page_its_dates_and_its_errors_in_french() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    on_fixed_days(&app, id);
    let link = personal_link(&app, "ch@mission.example");
    let visitor = Visitor::new(&app);

    let html = visitor.html(&link).await;
    for expected in [
        "<html lang=\"fr\">",
        "<title>Réponse : Informal consultation on broadcasting · convene</title>",
        "Invitation adressée à <strong>Suisse</strong>",
        "<dt>Début</dt><dd id=\"starts\">vendredi 8 janvier 2049 à 10:00 CET (Europe/Zurich)<br>\
         <span class=\"muted\">vendredi 8 janvier 2049 à 09:00 UTC</span></dd>",
        "<dt>Fin</dt><dd id=\"ends\">samedi 9 janvier 2049 à 17:00 CET (Europe/Zurich)<br>\
         <span class=\"muted\">samedi 9 janvier 2049 à 16:00 UTC</span></dd>",
        "<dt>Modalité</dt><dd>Hybride (en présentiel et en ligne)</dd>",
        "<dt>Lieu</dt><dd id=\"venue\">WIPO headquarters, Room A, Geneva</dd>",
        "<dt>Participation à distance</dt><dd id=\"remote-link\"><a href=\"https://meet.example.org/convene-42\" dir=\"ltr\">",
        "Ce lien est personnel et réservé à Mission de Suisse : merci de ne pas le transférer.",
        "<h2 id=\"reply-heading\">La réponse de Suisse</h2>",
        "Aucune réponse n’a encore été donnée.",
        "<legend>Participation de Suisse à la réunion</legend>",
        "value=\"in_person\"> En présentiel</label>",
        "value=\"remote\"> À distance</label>",
        "value=\"not_attending\"> Ne participera pas</label>",
        "<legend>Délégation</legend>",
        "<label for=\"d-name-0\">Nom<span class=\"visually-hidden\"> de la personne 1</span></label>",
        "<label for=\"d-function-0\">Fonction<span",
        "<label for=\"note\">Note à l’intention du Secrétariat (facultatif)</label>",
        "<button type=\"submit\" id=\"save\">Enregistrer la réponse</button>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    for english in [
        "Invitation for",
        "Attending",
        "Will ",
        "Save the reply",
        "Friday",
        "that is",
    ] {
        assert!(!html.contains(english), "English {english:?} left:\n{html}");
    }

    let note = long_note();
    let typed = fields(&[
        ("d.name.0", ""),
        ("d.function.0", "Conseiller"),
        ("note", &note),
    ]);
    let response = visitor.submit(&link, &typed).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    for expected in [
        "<html lang=\"fr\">",
        "<strong>Votre réponse n’a pas été enregistrée.</strong> Veuillez corriger les champs signalés ci-dessous.",
        "<li><a href=\"#response-error\">Veuillez indiquer si vous participerez à la réunion.</a></li>\
         <li><a href=\"#delegates-error\">",
        "id=\"response-error\">Veuillez indiquer si vous participerez à la réunion.</p>",
        "id=\"delegates-error\">Veuillez indiquer le nom de la personne dont la fonction est « Conseiller ».</p>",
        "id=\"note-error\">La note compte au plus 2\u{202f}000 caractères.</p>",
        "value=\"Conseiller\"",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    assert_eq!(stored_reply(&app, "Switzerland").0, None);

    let response = visitor.submit(&link, &in_person_with_two()).await;
    assert_eq!(response.status(), 303);
    let html = visitor.html(&location(&response)).await;
    for expected in [
        "Nous vous remercions : votre réponse a été enregistrée. Toutes les personnes invitées au nom de Suisse",
        "<dt>Participation</dt><dd>En présentiel</dd>",
        "<dt>Dernier enregistrement</dt><dd>par Mission de Suisse, le ",
        "(Europe/Zurich)<br><span class=\"muted\">",
        "value=\"in_person\" checked",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
}

#[tokio::test]
async fn a_spanish_recipient_reads_the_page_its_errors_and_a_cancellation_in_spanish() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    on_fixed_days(&app, id);
    let link = personal_link(&app, "br@mission.example");
    let visitor = Visitor::new(&app);

    let html = visitor.html(&link).await;
    for expected in [
        "<html lang=\"es\">",
        "<title>Respuesta: Informal consultation on broadcasting · convene</title>",
        "Invitación dirigida a <strong>Brasil</strong>",
        "<dd id=\"starts\">viernes, 8 de enero de 2049 a las 10:00 CET (Europe/Zurich)<br>\
         <span class=\"muted\">viernes, 8 de enero de 2049 a las 09:00 UTC</span></dd>",
        "<dd id=\"ends\">sábado, 9 de enero de 2049 a las 17:00 CET (Europe/Zurich)",
        "<dt>Modalidad</dt><dd>Híbrida (presencial y en línea)</dd>",
        "<dt>Participación a distancia</dt><dd id=\"remote-link\">",
        "Este enlace es personal y está reservado a Misión del Brasil",
        "Todavía no se ha dado ninguna respuesta.",
        "<legend>Participación de Brasil en la reunión</legend>",
        "value=\"in_person\"> Presencial</label>",
        "value=\"remote\"> A distancia</label>",
        "value=\"not_attending\"> No participará</label>",
        "<label for=\"d-function-2\">Cargo<span class=\"visually-hidden\"> de la persona 3</span></label>",
        "<label for=\"note\">Nota para la Secretaría (opcional)</label>",
        "<button type=\"submit\" id=\"save\">Guardar la respuesta</button>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    for english in [
        "Invitation for",
        "Attending",
        "Save the reply",
        "Friday",
        "that is",
    ] {
        assert!(!html.contains(english), "English {english:?} left:\n{html}");
    }

    let note = long_note();
    let response = visitor
        .submit(&link, &fields(&[("response", "maybe"), ("note", &note)]))
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    for expected in [
        "<strong>Su respuesta no se ha registrado.</strong> Le rogamos que corrija los campos señalados a continuación.",
        "id=\"response-error\">Le rogamos que indique si participará en la reunión.</p>",
        "id=\"note-error\">La nota tiene como máximo 2000 caracteres.</p>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }

    app.execute(&format!(
        "UPDATE meetings SET status = 'cancelled' WHERE id = {id}"
    ));
    let html = visitor.html(&link).await;
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(
        html.contains("Esta reunión ha sido cancelada: ya no se admiten respuestas."),
        "{html}"
    );
    assert!(html.contains("Todavía no se ha dado ninguna respuesta."));
    assert!(!html.contains("<form method=\"post\" action=\"/i/"));
}

#[tokio::test]
async fn an_unknown_link_is_not_found() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let visitor = Visitor::new(&app);
    let csrf = csrf_token(
        &visitor
            .html(&personal_link(&app, "ch@mission.example"))
            .await,
    );
    let unknown = format!("/i/{}", Token::generate().expose());
    assert_eq!(visitor.get(&unknown).await.status(), 404);
    let response = post_with(
        &visitor,
        &unknown,
        &csrf,
        &fields(&[("response", "remote")]),
    )
    .await;
    assert_eq!(response.status(), 404);
    assert_eq!(visitor.get("/i/not-a-token").await.status(), 404);
}

#[tokio::test]
async fn one_partys_link_never_shows_or_changes_another_partys_reply() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let swiss = personal_link(&app, "ch@mission.example");
    let japanese = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);

    assert_eq!(
        visitor.submit(&swiss, &in_person_with_two()).await.status(),
        303
    );
    let html = visitor.html(&japanese).await;
    assert!(html.contains("No reply has been given yet."), "{html}");
    assert!(!html.contains("Ana Ruiz"));
    assert!(!html.contains("Arriving on Monday."));

    let reply = fields(&[
        ("response", "remote"),
        ("d.name.0", "Kenji Sato"),
        ("d.function.0", "Minister"),
    ]);
    assert_eq!(visitor.submit(&japanese, &reply).await.status(), 303);

    let html = visitor.html(&swiss).await;
    assert!(html.contains("<dd>En présentiel</dd>"), "{html}");
    assert!(html.contains("Ana Ruiz, Ambassador"));
    assert!(!html.contains("Kenji Sato"));
    assert_eq!(
        stored_reply(&app, "Switzerland"),
        (
            Some("in_person".to_owned()),
            "Arriving on Monday.".to_owned(),
            Some(recipient_id(&app, "ch@mission.example"))
        )
    );
    assert_eq!(stored_delegation(&app, "Switzerland").len(), 2);
    assert_eq!(
        stored_delegation(&app, "Japan"),
        vec![("Kenji Sato".to_owned(), "Minister".to_owned())]
    );
}

#[tokio::test]
async fn a_reply_without_its_csrf_token_is_refused() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let link = personal_link(&app, "ch@mission.example");
    let visitor = Visitor::new(&app);
    visitor.get(&link).await; // the browser has its CSRF cookie
    let response = visitor
        .client
        .post(format!("{}{link}", visitor.address))
        .form(&in_person_with_two())
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("This form has expired")
    );
    assert_eq!(stored_reply(&app, "Switzerland").0, None);
    assert!(stored_delegation(&app, "Switzerland").is_empty());
}

#[tokio::test]
async fn the_participant_list_requires_a_login() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let stranger = Visitor::new(&app);
    for path in [
        format!("/meetings/{id}/participants"),
        format!("/meetings/{id}/participants.csv"),
    ] {
        let response = stranger.get(&path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert!(location(&response).starts_with("/login"), "{path}");
    }
}

/// Switzerland in person with two delegates, Brazil not attending, Japan
/// silent; one IGO (OAPI), invited later, silent too.
async fn three_states_replied(app: &TestApp) -> i64 {
    use convene::db::schema::organisations;
    let id = invited_meeting(app).await;
    let oapi: i64 = organisations::table
        .filter(organisations::acronym.eq("OAPI"))
        .select(organisations::id)
        .first(&mut *app.conn())
        .expect("OAPI in the reference directory");
    add_organisation_contact(app, oapi, "OAPI Secretariat", "oapi@igo.example", "fr");
    let oapi = oapi.to_string();
    let saved = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/invitations"),
            &[("org", oapi.as_str())],
        )
        .await;
    assert_eq!(saved.status(), 303, "OAPI picked");
    assert_eq!(send_invitations(app, id).await.status(), 303);
    let visitor = Visitor::new(app);
    let swiss = personal_link(app, "ch@mission.example");
    assert_eq!(
        visitor.submit(&swiss, &in_person_with_two()).await.status(),
        303
    );
    let brazil = personal_link(app, "br2@mission.example");
    let regrets = fields(&[("response", "not_attending"), ("note", "Regrets.")]);
    assert_eq!(visitor.submit(&brazil, &regrets).await.status(), 303);
    id
}

#[tokio::test]
async fn the_participant_list_counts_replies_by_category_and_regional_group() {
    let app = logged_in().await;
    let id = three_states_replied(&app).await;
    let html = app.get_html(&format!("/meetings/{id}/participants")).await;
    for expected in [
        // invited, in person, remotely, not attending, no reply, delegates
        "<tr><th scope=\"row\">Member states</th><td>3</td><td>1</td><td>0</td><td>1</td><td>1</td><td>2</td></tr>",
        "<tr><th scope=\"row\">Intergovernmental organisations</th><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td></tr>",
        "<tr><th scope=\"row\">Total</th><td>4</td><td>1</td><td>0</td><td>1</td><td>2</td><td>2</td></tr>",
        // Switzerland and Japan are in Group B, Brazil in GRULAC.
        "<tr><th scope=\"row\">Group B</th><td>2</td><td>1</td><td>0</td><td>0</td><td>1</td><td>2</td></tr>",
        "<tr><th scope=\"row\">GRULAC</th><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td></tr>",
        "<li>Ana Ruiz, Ambassador</li>",
        "<li>Ben Keller, Counsellor</li>",
        "Regrets.",
        "href=\"/meetings/",
    ] {
        assert!(html.contains(expected), "missing {expected:?}:\n{html}");
    }
    let invitations = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(invitations.contains(&format!("href=\"/meetings/{id}/participants\"")));
}

#[tokio::test]
async fn the_participant_csv_has_a_row_per_delegate_and_per_invitee_without_one() {
    let app = logged_in().await;
    let id = three_states_replied(&app).await;
    let response = app.get(&format!("/meetings/{id}/participants.csv")).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment;")
    );
    let body = response.text().await.expect("body");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        vec![
            "invitee",
            "category",
            "regional_group",
            "response",
            "delegate_name",
            "delegate_function",
            "note",
            "replied_at",
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    let without_time: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r[..7].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        without_time,
        vec![
            vec![
                "Brazil",
                "member_state",
                "GRULAC",
                "not_attending",
                "",
                "",
                "Regrets."
            ],
            vec!["Japan", "member_state", "Group B", "no_reply", "", "", ""],
            vec![
                "Switzerland",
                "member_state",
                "Group B",
                "in_person",
                "Ana Ruiz",
                "Ambassador",
                "Arriving on Monday."
            ],
            vec![
                "Switzerland",
                "member_state",
                "Group B",
                "in_person",
                "Ben Keller",
                "Counsellor",
                "Arriving on Monday."
            ],
            vec![
                "African Intellectual Property Organization (OAPI)",
                "igo",
                "",
                "no_reply",
                "",
                "",
                ""
            ],
        ]
    );
    assert_eq!(rows[1][7], "", "no reply, no time");
    for replied in [&rows[0][7], &rows[2][7]] {
        assert!(
            chrono::NaiveDateTime::parse_from_str(replied, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
            "{replied}"
        );
    }
}

#[tokio::test]
async fn text_typed_by_invitees_cannot_become_a_spreadsheet_formula() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let visitor = Visitor::new(&app);
    let link = personal_link(&app, "jp@mission.example");
    let reply = fields(&[
        ("response", "in_person"),
        ("d.name.0", "=HYPERLINK(\"http://evil.example\",\"x\")"),
        ("d.function.0", "+Counsellor"),
        ("note", "@SUM(A1)"),
    ]);
    assert_eq!(visitor.submit(&link, &reply).await.status(), 303);
    let body = app
        .get(&format!("/meetings/{id}/participants.csv"))
        .await
        .text()
        .await
        .expect("body");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let japan: Vec<String> = reader
        .records()
        .map(|r| {
            r.expect("row")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|r| r[0] == "Japan")
        .expect("Japan's row");
    assert_eq!(japan[4], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(japan[5], "'+Counsellor");
    assert_eq!(japan[6], "'@SUM(A1)");
}

#[tokio::test]
async fn a_personal_page_is_never_cached() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let link = personal_link(&app, "jp@mission.example");
    let response = Visitor::new(&app).get(&link).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
}
