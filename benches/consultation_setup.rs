//! Prepares a database for the consultation benchmark
//! (`benches/consultation.sh`): the reference directory, one coordinator per
//! regional group, a meeting consulting them over a six-month window of
//! weekdays (the form the issue measures), its personal links, and
//! `VERSIONS` saved versions of the first group's answer (through the
//! product's own save, in batches). Prints what the load needs:
//!
//! ```text
//! token <personal link token of the first group>
//! body <a realistic form body for that group, without the CSRF token>
//! ```
//!
//! ```sh
//! DATABASE_URL=… CONVENE_SECRET_KEY=… consultation_setup-… VERSIONS
//! ```

use anyhow::{Context, bail};
use chrono::{Duration as Days, Utc};
use convene::config::{RawSettings, Settings};
use convene::db::answers::{self, Save};
use convene::db::audit::Actor;
use convene::db::consultation::{self, Mailing};
use convene::db::schema::contacts;
use convene::db::{now, outbox};
use convene::domain::answer::{Answer, AnswerInput};
use convene::domain::meeting::{DraftInput, MeetingSettings};
use convene::domain::seal::SealKey;
use diesel::prelude::*;

const MESSAGE_DOMAIN: &str = "convene.example.org";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let versions: usize = match args.next() {
        Some(n) => n.parse().context("VERSIONS must be a number")?,
        None => {
            bail!("usage: consultation_setup VERSIONS (with DATABASE_URL and CONVENE_SECRET_KEY)")
        }
    };
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
    let conn: &mut convene::db::DbConnection = &mut pooled;
    convene::db::directory::seed::load_reference_if_empty(conn)?;

    let groups: Vec<i64> = convene::db::meetings::group_choices(conn)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
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

    let start = (Utc::now() + Days::days(40)).date_naive();
    let input = DraftInput {
        title: "Ad hoc informal meeting on the broadcasting treaty".into(),
        purpose: "To exchange views on the draft treaty, article by article.".into(),
        organiser: "Copyright Law Division".into(),
        window_start: start.to_string(),
        window_end: (start + Days::days(182)).to_string(),
        deadline: (Utc::now() + Days::days(30))
            .format("%Y-%m-%dT12:00")
            .to_string(),
        groups: groups.iter().map(i64::to_string).collect(),
        ..DraftInput::defaults()
    };
    let meeting = MeetingSettings::parse(&input, &groups, Utc::now())
        .map_err(|e| anyhow::anyhow!("invalid draft: {e:?}"))?;
    let id = convene::db::meetings::create(conn, &meeting, &Actor::System, None)?;
    let seal = SealKey::derive(&secret);
    let mailing = Mailing {
        seal: seal.clone(),
        message_domain: MESSAGE_DOMAIN.into(),
    };
    consultation::open(conn, id, &Actor::System, None, &mailing)?;
    let first = format!("coordinator{}@groups.example", groups[0]);
    let token = outbox::for_meeting(conn, id)?
        .into_iter()
        .find(|m| m.recipient_email == first)
        .and_then(|m| m.sealed_secret)
        .and_then(|s| seal.open(&s))
        .context("the first group's personal link")?;
    let link = consultation::link_by_token(conn, &token)?.context("link")?;

    // Two days in five unavailable or "if need be", as a real answer has.
    let units = meeting.units();
    let mut form: Vec<(String, String)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let choice = ["yes", "yes", "if_need_be", "yes", "no"][i % 5];
            (format!("u.{}", u.key()), choice.to_owned())
        })
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
    let answer = Answer::parse(&AnswerInput::from_pairs(form.clone()), &meeting)
        .map_err(|e| anyhow::anyhow!("invalid answer: {e:?}"))?;
    let save = Save {
        meeting_id: id,
        group_id: link.group_id,
        link_id: link.id,
        answer,
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
