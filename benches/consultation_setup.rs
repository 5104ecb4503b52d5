//! Prepares a database for the consultation benchmark
//! (`benches/consultation.sh`), through the product's own functions, on
//! SQLite or PostgreSQL (`DATABASE_URL`). Two scenarios:
//!
//! - `form VERSIONS [day|half-day]`: the reference directory, one
//!   coordinator per regional group, a meeting consulting them over a
//!   six-month window of weekdays (per day, the form issue 11 measures, or
//!   per half-day), and `VERSIONS` saved versions of the first group's
//!   answer (through the product's own save, in batches). Prints
//!
//!   ```text
//!   token <personal link token of the first group>
//!   body <a realistic form body for that group, without the CSRF token>
//!   ```
//!
//!   A bare number (`VERSIONS`) means `form VERSIONS day`.
//! - `proposals`: the proposals page of issue 11, goal 3: the seven
//!   reference groups consulted over a year of weekday half-days
//!   (7 × 522 cells), six answered with a mix of every choice, one silent,
//!   the consultation closed; and a secretariat account with a live
//!   session. Prints
//!
//!   ```text
//!   path /meetings/<id>/proposals
//!   cookie convene_session=<session token>
//!   ```
//!
//!   (the cookie's name for a server on plain http, as the benchmark runs it).
//!
//! ```sh
//! DATABASE_URL=… CONVENE_SECRET_KEY=… consultation_setup-… form 1000
//! DATABASE_URL=… CONVENE_SECRET_KEY=… consultation_setup-… proposals
//! ```

use anyhow::{Context, bail};
use chrono::{Datelike, Duration as Days, Months, NaiveDate, Utc};
use convene::config::{RawSettings, Settings};
use convene::db::answers::{self, Save};
use convene::db::audit::Actor;
use convene::db::consultation::{self, Mailing};
use convene::db::schema::contacts;
use convene::db::{DbConnection, now, outbox, sessions, users};
use convene::domain::EmailAddress;
use convene::domain::answer::{Answer, AnswerInput};
use convene::domain::meeting::{DraftInput, MeetingSettings};
use convene::domain::password::{self, NewPassword};
use convene::domain::seal::SealKey;
use convene::domain::token::Token;
use convene::domain::units::Unit;
use diesel::prelude::*;

const MESSAGE_DOMAIN: &str = "convene.example.org";
const USAGE: &str = "usage: consultation_setup form VERSIONS [day|half-day] | consultation_setup proposals \
(with DATABASE_URL and CONVENE_SECRET_KEY)";

enum Scenario {
    Form {
        versions: usize,
        granularity: &'static str,
    },
    Proposals,
}

fn scenario() -> anyhow::Result<Scenario> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let versions = |n: &str| n.parse::<usize>().context("VERSIONS must be a number");
    Ok(match args[..] {
        ["proposals"] => Scenario::Proposals,
        ["form", n] | [n] => Scenario::Form {
            versions: versions(n)?,
            granularity: "day",
        },
        ["form", n, "day"] => Scenario::Form {
            versions: versions(n)?,
            granularity: "day",
        },
        ["form", n, "half-day"] => Scenario::Form {
            versions: versions(n)?,
            granularity: "half_day",
        },
        _ => bail!(USAGE),
    })
}

fn main() -> anyhow::Result<()> {
    let scenario = scenario()?;
    let secret = std::env::var("CONVENE_SECRET_KEY").context("CONVENE_SECRET_KEY")?;
    let raw = RawSettings {
        database_url: Some(std::env::var("DATABASE_URL").context("DATABASE_URL")?),
        base_url: Some(format!("https://{MESSAGE_DOMAIN}/")),
        secret_key: Some(secret.clone()),
        ..RawSettings::default()
    };
    let settings = Settings::from_raw(&raw).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = convene::startup::prepare_database(&settings)?;
    let mut pooled = pool.get()?;
    let conn: &mut DbConnection = &mut pooled;
    convene::db::directory::seed::load_reference_if_empty(conn)?;
    let groups: Vec<i64> = convene::db::meetings::group_choices(conn)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    add_coordinators(conn, &groups)?;
    let seal = SealKey::derive(&secret);
    match scenario {
        Scenario::Form {
            versions,
            granularity,
        } => form(conn, &groups, &seal, versions, granularity),
        Scenario::Proposals => proposals(conn, &groups, &seal),
    }
}

/// One coordinator contact per regional group, so that opening a
/// consultation mails each group its personal link.
fn add_coordinators(conn: &mut DbConnection, groups: &[i64]) -> anyhow::Result<()> {
    let at = now();
    let coordinators: Vec<_> = groups
        .iter()
        .map(|&g| {
            (
                contacts::name.eq(format!("Coordinator {g}")),
                contacts::email.eq(format!("coordinator{g}@groups.example")),
                contacts::language.eq("en"),
                contacts::coordinator_of.eq(Some(g)),
                contacts::created_at.eq(at),
            )
        })
        .collect();
    convene::with_backend!(&mut *conn, |c| diesel::insert_into(contacts::table)
        .values(&coordinators)
        .execute(c))?;
    Ok(())
}

/// Creates a meeting consulting `groups` from `start` to `end` and opens
/// the consultation.
fn open_meeting(
    conn: &mut DbConnection,
    groups: &[i64],
    seal: &SealKey,
    (start, end): (NaiveDate, NaiveDate),
    granularity: &str,
) -> anyhow::Result<(i64, MeetingSettings)> {
    let input = DraftInput {
        title: "Ad hoc informal meeting on the broadcasting treaty".into(),
        purpose: "To exchange views on the draft treaty, article by article.".into(),
        organiser: "Copyright Law Division".into(),
        window_start: start.to_string(),
        window_end: end.to_string(),
        granularity: granularity.into(),
        deadline: (Utc::now() + Days::days(30))
            .format("%Y-%m-%dT12:00")
            .to_string(),
        groups: groups.iter().map(i64::to_string).collect(),
        ..DraftInput::defaults()
    };
    let meeting = MeetingSettings::parse(&input, groups, Utc::now())
        .map_err(|e| anyhow::anyhow!("invalid draft: {e:?}"))?;
    let id = convene::db::meetings::create(conn, &meeting, &Actor::System, None)?;
    let mailing = Mailing {
        seal: seal.clone(),
        message_domain: MESSAGE_DOMAIN.into(),
    };
    consultation::open(conn, id, &Actor::System, None, &mailing)?;
    Ok((id, meeting))
}

/// A complete answer: `choice(i)` for the `i`-th unit, every duration
/// accepted, the first preferred, and a modality and comment as a real
/// group gives them.
fn answer_form(
    meeting: &MeetingSettings,
    choice: impl Fn(usize) -> &'static str,
) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = meeting
        .units()
        .iter()
        .enumerate()
        .map(|(i, u): (usize, &Unit)| (format!("u.{}", u.key()), choice(i).to_owned()))
        .collect();
    for d in &meeting.durations {
        form.push(("accepted".into(), d.to_string()));
    }
    form.push(("preferred".into(), meeting.durations[0].to_string()));
    form.push(("modality".into(), "hybrid".into()));
    form.push((
        "comment".into(),
        "Our group prefers to avoid the week of the General Assembly.".into(),
    ));
    form
}

fn parse(form: &[(String, String)], meeting: &MeetingSettings) -> anyhow::Result<Answer> {
    Answer::parse(&AnswerInput::from_pairs(form.to_vec()), meeting)
        .map_err(|e| anyhow::anyhow!("invalid answer: {e:?}"))
}

fn form(
    conn: &mut DbConnection,
    groups: &[i64],
    seal: &SealKey,
    versions: usize,
    granularity: &str,
) -> anyhow::Result<()> {
    // Twenty-six whole weeks from a Monday, so that the page is the same
    // size whatever day the bench runs on (130 weekdays, 26 week headings).
    let mut start = (Utc::now() + Days::days(40)).date_naive();
    start += Days::days(i64::from((7 - start.weekday().num_days_from_monday()) % 7));
    let (id, meeting) = open_meeting(
        conn,
        groups,
        seal,
        (start, start + Days::days(26 * 7 - 3)),
        granularity,
    )?;
    let first = format!("coordinator{}@groups.example", groups[0]);
    let token = outbox::for_meeting(conn, id)?
        .into_iter()
        .find(|m| m.recipient_email == first)
        .and_then(|m| m.sealed_secret)
        .and_then(|s| seal.open(&s))
        .context("the first group's personal link")?;
    let link = consultation::link_by_token(conn, &token)?.context("link")?;

    // Two days in five unavailable or "if need be", as a real answer has.
    let form = answer_form(&meeting, |i| {
        ["yes", "yes", "if_need_be", "yes", "no"][i % 5]
    });
    let save = Save {
        meeting_id: id,
        group_id: link.group_id,
        link_id: link.id,
        answer: parse(&form, &meeting)?,
    };
    let batch = vec![save; 250];
    let mut left = versions;
    while left > 0 {
        let n = left.min(batch.len());
        for outcome in answers::save_batch(conn, &batch[..n])? {
            outcome?;
        }
        left -= n;
    }

    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form)
        .finish();
    println!("token {token}");
    println!("body {body}");
    Ok(())
}

fn proposals(conn: &mut DbConnection, groups: &[i64], seal: &SealKey) -> anyhow::Result<()> {
    // A year of weekday half-days from a Monday a month ahead: 522 units.
    let mut start = (Utc::now() + Days::days(30)).date_naive();
    start += Days::days(i64::from((7 - start.weekday().num_days_from_monday()) % 7));
    let end = start
        .checked_add_months(Months::new(12))
        .context("a year ahead")?
        - Days::days(1);
    let (id, meeting) = open_meeting(conn, groups, seal, (start, end), "half_day")?;

    // Six groups answer, each its own mix of six yes, two if need be and
    // two no in every ten units; the seventh stays silent.
    let ten = [
        "yes",
        "yes",
        "yes",
        "yes",
        "yes",
        "yes",
        "if_need_be",
        "if_need_be",
        "no",
        "no",
    ];
    let links = consultation::links(conn, id)?;
    let mut saves = Vec::new();
    for (g, &group) in groups.iter().enumerate().take(groups.len() - 1) {
        let link = links
            .iter()
            .find(|l| l.group_id == group)
            .context("a group's personal link")?;
        let form = answer_form(&meeting, |i| ten[(i * 7 + g * 13) % 10]);
        saves.push(Save {
            meeting_id: id,
            group_id: group,
            link_id: link.id,
            answer: parse(&form, &meeting)?,
        });
    }
    for outcome in answers::save_batch(conn, &saves)? {
        outcome?;
    }
    consultation::close(conn, id, &Actor::System, "closed for the benchmark")?;

    let email = EmailAddress::parse("bench@example.org").map_err(|e| anyhow::anyhow!("{e}"))?;
    let password = NewPassword::parse("the benchmark's password, unused".into())?;
    let user = users::add(
        conn,
        &email,
        "Bench Secretariat",
        &password::hash(&password),
    )?;
    let session = Token::generate();
    sessions::create(conn, &session.digest(), user, None)?;

    println!("path /meetings/{id}/proposals");
    println!("cookie convene_session={}", session.expose());
    Ok(())
}
