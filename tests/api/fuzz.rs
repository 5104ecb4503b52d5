//! Issue 10: random mutations of recorded valid requests against every POST
//! route and the GET query parameters. No answer may be a 5xx, and a 4xx
//! must leave the database as it was (row counts and the length of the text
//! columns people type into, a cheap fingerprint that every audited change
//! moves; the outbox worker's sending, which runs beside, is left out).
//!
//! `CONVENE_FUZZ_PER_ROUTE` sets the number of mutations per route (default
//! 40, about 2,000 requests, some 30 s on PostgreSQL); `CONVENE_FUZZ_SEED` replays a run.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::fixtures::{
    add_organisation_contact, create_meeting, invited_meeting, opened_meeting, token_for,
};
use crate::helpers::{TestApp, csrf_token, spawn_app};
use crate::replies::personal_link;

/// A small xorshift generator: reproducible from its seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// A field value: text, or raw bytes that are not UTF-8.
type Fields = Vec<(String, Vec<u8>)>;

const NASTY: &[&str] = &[
    "\0",
    "a\0b",
    "-1",
    "0",
    "-2147483649",
    "2147483648",
    "99999999999999999999",
    "0000-00-00",
    "9999-12-31",
    "-0001-01-01",
    "9999-12-31T23:59",
    "25:61",
    "",
    " ",
    "line\r\nbreak",
    "\u{202e}evil",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "state:999999",
    "organisation:-1",
    "NaN",
    "1e308",
    "/\t/evil.example",
    "//evil.example",
];

fn mutate(rng: &mut Rng, valid: &[(&str, String)], huge: usize) -> Fields {
    let mut fields: Fields = valid
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone().into_bytes()))
        .collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(fields.len());
        match rng.below(9) {
            0 if !fields.is_empty() => {
                fields.remove(at);
            }
            1 if !fields.is_empty() => {
                let copy = fields[at].clone();
                fields.push(copy);
            }
            2 if !fields.is_empty() => fields[at].1 = NASTY[rng.below(NASTY.len())].into(),
            3 if !fields.is_empty() => fields[at].1 = vec![b'a', 0xff, 0xfe, b'z'],
            4 if !fields.is_empty() => fields[at].1 = "x".repeat(huge).into_bytes(),
            5 if !fields.is_empty() => fields[at].1.extend_from_slice(b"\0"),
            6 => fields.push((
                ["org", "groups", "d.name.7", "u.9999-01-01", "x"][rng.below(5)].into(),
                NASTY[rng.below(NASTY.len())].into(),
            )),
            7 if !fields.is_empty() => fields[at].0 = "\0".into(),
            _ => {}
        }
    }
    fields
}

fn encode(fields: &Fields) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    let mut raw = String::new();
    for (k, v) in fields {
        match std::str::from_utf8(v) {
            Ok(text) => {
                out.append_pair(k, text);
            }
            Err(_) => {
                let bytes: String = v.iter().map(|b| format!("%{b:02X}")).collect();
                raw.push_str(&format!("&{k}={bytes}"));
            }
        }
    }
    out.finish() + &raw
}

#[derive(QueryableByName)]
struct Fingerprint {
    #[diesel(sql_type = Text)]
    v: String,
}

const TABLES: &[&str] = &[
    "meetings",
    "answers",
    "coordinator_links",
    "contacts",
    "organisations",
    "member_states",
    "regional_groups",
    "outbox",
    "outbox_pauses",
    "audit_log",
    "invitees",
    "delegates",
    "invitation_links",
    "invitation_recipients",
    "invited_guests",
    "invited_organisations",
    "invitation_settings",
    "meeting_groups",
    "reminders",
    "users",
];

fn fingerprint(app: &TestApp) -> String {
    let mut parts: Vec<String> = TABLES
        .iter()
        .map(|t| format!("CAST((SELECT COUNT(*) FROM {t}) AS TEXT)"))
        .collect();
    for (table, column) in [
        ("meetings", "title || purpose || organiser || status"),
        ("contacts", "name || email || language"),
        ("organisations", "name || acronym || kind"),
        ("member_states", "name || iso2 || group_confidence"),
        ("regional_groups", "name || short_name"),
        ("invitees", "note || COALESCE(response, '')"),
        ("meetings", "approved_venue || approved_link"),
    ] {
        parts.push(format!(
            "CAST((SELECT COALESCE(SUM(LENGTH({column})), 0) FROM {table}) AS TEXT)"
        ));
    }
    let sql = format!("SELECT {} AS v", parts.join(" || ',' || "));
    diesel::sql_query(sql)
        .get_result::<Fingerprint>(&mut *app.conn())
        .expect("fingerprint")
        .v
}

fn id(app: &TestApp, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    diesel::sql_query(sql)
        .get_result::<Id>(&mut *app.conn())
        .expect(sql)
        .id
}

/// Every POST route with a valid body (the CSRF token is added when sent);
/// destructive ones last, so the others still find what they act on.
async fn recorded(app: &TestApp) -> Vec<(String, Vec<(&'static str, String)>)> {
    let (consulting, group, _) = opened_meeting(app).await;
    let coordinator = format!("/c/{}", token_for(app, "alpha@mission.example").await);
    let invited = invited_meeting(app).await;
    let invitee = personal_link(app, "jp@mission.example");
    let draft = create_meeting(app, &[group]).await;
    let org = id(app, "SELECT MIN(id) AS id FROM organisations");
    add_organisation_contact(app, org, "Org Contact", "org@igo.example", "en");
    let contact = id(app, "SELECT MAX(id) AS id FROM contacts");
    let state = id(app, "SELECT MIN(id) AS id FROM member_states");
    let link = id(app, "SELECT MIN(id) AS id FROM coordinator_links");
    let message = id(
        app,
        &format!("SELECT MIN(id) AS id FROM outbox WHERE meeting_id = {invited}"),
    );
    let units = crate::fixtures::full_answer(&app.get_html(&coordinator).await, "yes");
    let s = |v: &str| v.to_owned();
    let mut answer: Vec<(&'static str, String)> = units
        .iter()
        .map(|(k, v)| (&*Box::leak(k.clone().into_boxed_str()), v.clone()))
        .collect();
    answer.push(("comment", s("Fine")));
    let draft_fields: Vec<(&'static str, String)> = crate::fixtures::draft_fields(&[group])
        .into_iter()
        .map(|(k, v)| (&*Box::leak(k.into_boxed_str()), v))
        .collect();
    let start = (chrono::Utc::now() + chrono::Duration::days(45)).date_naive();
    let contact_fields = vec![
        ("name", s("Ana Ruiz")),
        ("email", s("ana@mission.example")),
        ("language", s("es")),
        ("affiliation", format!("state:{state}")),
        ("coordinator_of", String::new()),
        ("invitation_recipient", s("yes")),
    ];
    vec![
        (
            s("/login"),
            vec![
                ("email", s("sec@wipo.int")),
                ("password", s("wrong password")),
                ("next", s("/")),
            ],
        ),
        (coordinator.clone(), answer),
        (
            invitee.clone(),
            vec![
                ("response", s("in_person")),
                ("d.name.0", s("Ana")),
                ("d.function.0", s("Delegate")),
                ("note", s("Hi")),
            ],
        ),
        (s("/meetings"), draft_fields.clone()),
        (format!("/meetings/{draft}/edit"), draft_fields),
        (s("/directory/contacts"), contact_fields.clone()),
        (format!("/directory/contacts/{contact}"), contact_fields),
        (
            s("/directory/groups"),
            vec![
                ("name", s("Group Fuzz")),
                ("short_name", s("GF")),
                ("weight", s("2")),
            ],
        ),
        (
            format!("/directory/groups/{group}"),
            vec![
                ("name", s("Group Alpha")),
                ("short_name", s("GA")),
                ("weight", s("1")),
            ],
        ),
        (
            s("/directory/organisations"),
            vec![
                ("name", s("Fuzz Org")),
                ("acronym", s("FO")),
                ("kind", s("ngo")),
                ("observer", s("yes")),
            ],
        ),
        (
            format!("/directory/organisations/{org}"),
            vec![
                ("name", s("Renamed Org")),
                ("acronym", s("RO")),
                ("kind", s("igo")),
            ],
        ),
        (
            s("/directory/states"),
            vec![
                ("code", s("XK")),
                ("name", s("Fuzzland")),
                ("group", group.to_string()),
            ],
        ),
        (
            format!("/directory/states/{state}"),
            vec![
                ("code", s("AF")),
                ("name", s("Afghanistan")),
                ("group", group.to_string()),
            ],
        ),
        (
            format!("/directory/states/{state}/confirm"),
            vec![("back", s("/directory/states"))],
        ),
        (
            s("/directory/import/organisations/confirm"),
            vec![("csv", s("name,kind,observer\nImported Org,IGO,yes\n"))],
        ),
        (
            s("/directory/import/contacts"),
            vec![(
                "text",
                s("name,email,language,state\nBo,bo@x.example,en,CH\n"),
            )],
        ),
        (format!("/meetings/{consulting}/remind"), vec![]),
        (
            format!("/meetings/{consulting}/links/{link}/reissue"),
            vec![],
        ),
        (format!("/meetings/{consulting}/close"), vec![]),
        (
            format!("/meetings/{consulting}/approve"),
            vec![
                ("start", start.to_string()),
                ("duration", s("1")),
                ("confirm", s("yes")),
                ("modality", s("hybrid")),
                ("venue", s("Room A")),
                ("link", s("https://meet.example.org/a")),
            ],
        ),
        (
            format!("/meetings/{invited}/invitations"),
            vec![
                ("all_observers", s("on")),
                ("org", org.to_string()),
                ("guests", s("Guest <g@x.example>, fr")),
            ],
        ),
        (format!("/meetings/{invited}/invitations/send"), vec![]),
        (
            format!("/meetings/{invited}/change"),
            vec![
                ("first_day", start.to_string()),
                ("starts_at", s("10:00")),
                ("last_day", start.to_string()),
                ("ends_at", s("17:00")),
                ("modality", s("in_person")),
                ("venue", s("Room C")),
                ("note", s("Moved")),
            ],
        ),
        (
            format!("/meetings/{invited}/delivery/{message}/resend"),
            vec![],
        ),
        (
            format!("/meetings/{invited}/delivery/resend-failed"),
            vec![],
        ),
        (format!("/meetings/{invited}/delivery/pause"), vec![]),
        (format!("/meetings/{invited}/delivery/resume"), vec![]),
        (format!("/outbox/{message}/resend"), vec![]),
        (s("/outbox/resend-failed"), vec![]),
        (s("/outbox/pause"), vec![]),
        (s("/outbox/resume"), vec![]),
        (format!("/meetings/{draft}/open"), vec![]),
        (
            format!("/meetings/{consulting}/links/{link}/revoke"),
            vec![],
        ),
        (
            format!("/meetings/{invited}/cancel"),
            vec![("confirm", s("yes")), ("reason", s("Postponed"))],
        ),
        (format!("/directory/contacts/{contact}/remove"), vec![]),
        (format!("/directory/organisations/{org}/remove"), vec![]),
        (format!("/directory/states/{state}/remove"), vec![]),
        (format!("/directory/groups/{group}/remove"), vec![]),
    ]
}

/// GET routes with the query parameters they read.
fn queries(
    meeting: i64,
    coordinator: &str,
    invitee: &str,
) -> Vec<(String, Vec<(&'static str, String)>)> {
    let s = |v: &str| v.to_owned();
    vec![
        (s("/login"), vec![("next", s("/meetings"))]),
        (s("/directory/contacts"), vec![("q", s("mission"))]),
        (
            s("/directory/states"),
            vec![
                ("q", s("ch")),
                ("group", s("1")),
                ("flagged", s("1")),
                ("confirmed", s("CH")),
            ],
        ),
        (
            s("/directory/organisations"),
            vec![("q", s("org")), ("kind", s("igo")), ("observer", s("yes"))],
        ),
        (
            s("/directory/contacts/new"),
            vec![("affiliation", s("state:1"))],
        ),
        (
            s("/directory/import/contacts"),
            vec![("added", s("1")), ("updated", s("2"))],
        ),
        (format!("/meetings/{meeting}"), vec![("done", s("saved"))]),
        (
            format!("/meetings/{meeting}/proposals"),
            vec![("duration", s("1"))],
        ),
        (
            format!("/meetings/{meeting}/delivery"),
            vec![("done", s("sent"))],
        ),
        (
            format!("/meetings/{meeting}/invitations"),
            vec![("done", s("saved"))],
        ),
        (coordinator.to_owned(), vec![("saved", s("1"))]),
        (invitee.to_owned(), vec![("saved", s("1"))]),
    ]
}

/// Sends one mutated request; returns its status.
async fn send(app: &TestApp, path: &str, fields: &Fields, get: bool, multipart: bool) -> u16 {
    let url = app.url(path);
    let request = if get {
        app.client.get(format!("{url}?{}", encode(fields)))
    } else if multipart {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.part(k.clone(), reqwest::multipart::Part::bytes(v.clone()));
        }
        app.client.post(url).multipart(form)
    } else {
        app.client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(fields))
    };
    request.send().await.expect("request").status().as_u16()
}

#[tokio::test]
async fn mutated_requests_never_get_a_server_error_and_a_refusal_changes_nothing() {
    let per_route: usize = std::env::var("CONVENE_FUZZ_PER_ROUTE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let seed: u64 = std::env::var("CONVENE_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos());
            u64::try_from(nanos % u128::from(u64::MAX)).unwrap_or(1) | 1
        });
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let posts = recorded(&app).await;
    let coordinator = posts[1].0.clone();
    let invitee = posts[2].0.clone();
    let meeting: i64 = posts[4]
        .0
        .trim_start_matches("/meetings/")
        .trim_end_matches("/edit")
        .parse()
        .expect("id");
    let gets = queries(meeting, &coordinator, &invitee);
    let token = csrf_token(&app.get_html("/directory").await);

    let mut rng = Rng(seed);
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let started = std::time::Instant::now();
    for (get, routes) in [(true, &gets), (false, &posts)] {
        for (path, valid) in routes.iter() {
            let multipart =
                path.starts_with("/directory/import/") && !path.ends_with("/confirm") && !get;
            for round in 0..per_route {
                let mut fields = mutate(&mut rng, valid, if get { 4_000 } else { 100_000 });
                if !get && round % 8 != 7 {
                    fields.insert(0, ("csrf_token".into(), token.clone().into_bytes()));
                }
                let before = fingerprint(&app);
                let status = send(&app, path, &fields, get, multipart).await;
                *statuses.entry(status).or_default() += 1;
                let what = format!(
                    "{} {path} {}",
                    if get { "GET" } else { "POST" },
                    encode(&fields).chars().take(300).collect::<String>()
                );
                if status >= 500 {
                    failures.push(format!("{status}: {what}"));
                } else if (400..500).contains(&status)
                    && status != 429
                    && fingerprint(&app) != before
                {
                    failures.push(format!("{status} changed the database: {what}"));
                }
                if app.cookie("convene_session").is_none() {
                    app.login_as("sec@wipo.int").await;
                }
            }
        }
    }
    let total: usize = statuses.values().sum();
    println!(
        "fuzz: seed {seed}, {total} requests in {:.1} s, statuses {statuses:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "seed {seed}: {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
