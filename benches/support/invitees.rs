//! A meeting with many invitees, for the invitation benchmarks: the WIPO
//! reference directory (193 member states), one invitation contact per state,
//! and enough NGOs with one contact each to reach the number asked for. The
//! invitations are then sent through the product's own path
//! (`db::invitations::send`: one transaction, batched inserts).

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use convene::db::audit::Actor;
use convene::db::consultation::Mailing;
use convene::db::schema::{contacts, meetings, member_states, organisations};
use convene::db::{DbConnection, invitations, now};
use convene::domain::meeting::{DraftInput, MeetingSettings};
use convene::domain::seal::SealKey;
use diesel::prelude::*;

/// Sets up the directory and an approved meeting inviting `recipients`
/// people, sends the invitations, and returns the meeting's id and how long
/// the send transaction took.
pub fn send_to(conn: &mut DbConnection, recipients: usize, seal: &SealKey) -> (i64, Duration) {
    convene::db::directory::seed::load_reference_if_empty(conn).expect("reference directory");
    let at = now();
    let states: Vec<i64> = member_states::table
        .select(member_states::id)
        .load(conn)
        .expect("states");
    let state_contacts: Vec<_> = states
        .iter()
        .take(recipients)
        .map(|&id| {
            (
                contacts::name.eq(format!("Mission {id}")),
                contacts::email.eq(format!("mission{id}@missions.example")),
                contacts::language.eq(["en", "fr", "es"][id as usize % 3]),
                contacts::member_state_id.eq(Some(id)),
                contacts::invitation_recipient.eq(true),
                contacts::created_at.eq(at),
            )
        })
        .collect();
    convene::with_backend!(&mut *conn, |c| diesel::insert_into(contacts::table)
        .values(&state_contacts)
        .execute(c))
    .expect("state contacts");
    let ngos = recipients.saturating_sub(state_contacts.len());
    for chunk in (0..ngos).collect::<Vec<_>>().chunks(1000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|i| {
                (
                    organisations::name.eq(format!("Benchmark NGO {i:05}")),
                    organisations::acronym.eq(format!("BN{i}")),
                    organisations::kind.eq("ngo"),
                    organisations::observer.eq(false),
                    organisations::created_at.eq(at),
                )
            })
            .collect();
        convene::with_backend!(&mut *conn, |c| diesel::insert_into(organisations::table)
            .values(&rows)
            .execute(c))
        .expect("NGOs");
    }
    let ngo_ids: Vec<i64> = organisations::table
        .filter(organisations::name.like("Benchmark NGO %"))
        .select(organisations::id)
        .load(conn)
        .expect("NGO ids");
    for chunk in ngo_ids.chunks(1000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|&id| {
                (
                    contacts::name.eq(format!("Liaison {id}")),
                    contacts::email.eq(format!("ngo{id}@ngos.example")),
                    contacts::language.eq(["en", "fr", "es"][id as usize % 3]),
                    contacts::organisation_id.eq(Some(id)),
                    contacts::invitation_recipient.eq(true),
                    contacts::created_at.eq(at),
                )
            })
            .collect();
        convene::with_backend!(&mut *conn, |c| diesel::insert_into(contacts::table)
            .values(&rows)
            .execute(c))
        .expect("NGO contacts");
    }

    let groups: Vec<i64> = convene::db::meetings::group_choices(conn)
        .expect("groups")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let start = (Utc::now() + Days::days(60)).date_naive();
    let input = DraftInput {
        title: "Ad hoc informal meeting on the broadcasting treaty".into(),
        purpose: "To exchange views on the draft treaty, article by article.".into(),
        organiser: "Copyright Law Division".into(),
        window_start: start.to_string(),
        window_end: (start + Days::days(20)).to_string(),
        deadline: (Utc::now() + Days::days(20))
            .format("%Y-%m-%dT12:00")
            .to_string(),
        groups: groups.iter().map(i64::to_string).collect(),
        ..DraftInput::defaults()
    };
    let settings = MeetingSettings::parse(&input, &groups, Utc::now()).expect("valid draft");
    let id = convene::db::meetings::create(conn, &settings, &Actor::System, None).expect("meeting");
    diesel::update(meetings::table.find(id))
        .set((
            meetings::status.eq("approved"),
            meetings::approved_units.eq(Some(format!("[\"{start}\"]"))),
            meetings::approved_start.eq(Some(start.and_hms_opt(9, 0, 0).expect("time"))),
            meetings::approved_end.eq(Some(start.and_hms_opt(16, 0, 0).expect("time"))),
            meetings::approved_at.eq(Some(at)),
            meetings::approved_modality.eq(Some("in_person")),
            meetings::approved_venue.eq("WIPO Headquarters, Conference Hall, Geneva"),
        ))
        .execute(conn)
        .expect("approved");
    invitations::save_choice(
        conn,
        id,
        &convene::domain::invitation::ListChoice {
            all_ngos: true,
            ..Default::default()
        },
        &Actor::System,
        "convene.example.org",
    )
    .expect("list");

    let mailing = Mailing {
        seal: seal.clone(),
        message_domain: "convene.example.org".into(),
    };
    let started = Instant::now();
    let sent = invitations::send(conn, id, &Actor::System, None, &mailing).expect("send");
    let elapsed = started.elapsed();
    assert_eq!(sent.recipients, recipients, "one invitation per recipient");
    (id, elapsed)
}
