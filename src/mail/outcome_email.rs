//! The `consultation_outcome` email: the slot the Secretariat approved, told to
//! a group's coordinator in their language. It carries no personal link.

use askama::Template;
use chrono::NaiveDate;

use super::MailError;
use super::kinds::OutcomeParams;
use super::render::{
    Rendered, Style, finish, greeting, modality_label, organiser_or_secretariat, parse_day,
    parse_modalities, parse_span,
};
use crate::i18n::{Language, Messages, format, tr_args};

/// What the outcome templates show, already formatted for the language.
struct OutcomeEmail {
    style: Style,
    greeting: String,
    meeting_title: String,
    meeting_purpose: String,
    organiser: String,
    group_name: String,
    /// The days of the meeting, written out; never empty.
    days: Vec<String>,
    /// "Date" or "Dates", as many as `days`.
    dates_label: String,
    /// How many days the meeting lasts, in words.
    duration: String,
    /// Start and end, each in the meeting's zone and in UTC.
    start: String,
    end: String,
    /// Labels of the modalities offered; never empty.
    modalities: Vec<String>,
}

#[derive(Template)]
#[template(path = "email/consultation_outcome/subject.txt")]
struct OutcomeSubject<'a> {
    c: &'a OutcomeEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/consultation_outcome/body.txt")]
struct OutcomeText<'a> {
    c: &'a OutcomeEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/consultation_outcome/body.html")]
struct OutcomeHtml<'a> {
    c: &'a OutcomeEmail,
    t: Messages,
}

/// Renders a [`kinds::CONSULTATION_OUTCOME`](super::kinds::CONSULTATION_OUTCOME)
/// message from its stored parameters.
pub(super) fn render(params_json: &str, language: Language) -> Result<Rendered, MailError> {
    let params: OutcomeParams =
        serde_json::from_str(params_json).map_err(|e| MailError::Params(e.to_string()))?;
    let c = outcome_email(&params, language)?;
    let t = Messages::new(language);
    finish(
        &OutcomeSubject { c: &c, t },
        &OutcomeText { c: &c, t },
        &OutcomeHtml { c: &c, t },
    )
}

/// Checks that the slot holds together before announcing it: a row whose
/// days, start and end disagree fails rather than telling every coordinator
/// the wrong dates.
fn outcome_email(params: &OutcomeParams, language: Language) -> Result<OutcomeEmail, MailError> {
    let (zone, start, end) = parse_span(&params.time_zone, &params.start_utc, &params.end_utc)?;
    let days = params
        .days
        .iter()
        .map(|text| parse_day(text))
        .collect::<Result<Vec<NaiveDate>, _>>()?;
    check_days(
        &days,
        start.with_timezone(&zone).date_naive(),
        end.with_timezone(&zone).date_naive(),
    )?;
    let modalities = parse_modalities(&params.modalities)?;
    Ok(OutcomeEmail {
        style: Style::of(language),
        greeting: greeting(
            &params.recipient_name,
            language,
            "email-greeting-coordinator",
        ),
        meeting_title: params.meeting_title.clone(),
        meeting_purpose: params.meeting_purpose.trim().to_owned(),
        organiser: organiser_or_secretariat(&params.organiser, language),
        group_name: params.group_name.clone(),
        days: days.iter().map(|&d| format::date(d, language)).collect(),
        dates_label: tr_args(
            language,
            "email-label-dates",
            &[("count", days.len().into())],
        ),
        duration: tr_args(
            language,
            "email-days-count",
            &[("count", days_spanned(&days).into())],
        ),
        start: format::instant(start, zone, language),
        end: format::instant(end, zone, language),
        modalities: modalities
            .into_iter()
            .map(|m| modality_label(m, language))
            .collect(),
    })
}

/// The number of calendar days from the first to the last, both counted:
/// a meeting on Monday and Wednesday lasts three days even if it skips one.
fn days_spanned(days: &[NaiveDate]) -> i64 {
    match (days.first(), days.last()) {
        (Some(&first), Some(&last)) => (last - first).num_days() + 1,
        _ => 0,
    }
}

/// The days must run in order from the local day of the start to that of the end.
fn check_days(days: &[NaiveDate], first: NaiveDate, last: NaiveDate) -> Result<(), MailError> {
    let in_order = days.windows(2).all(|pair| pair[0] < pair[1]);
    match (days.first(), days.last()) {
        (Some(&d0), Some(&dn)) if in_order && d0 == first && dn == last => Ok(()),
        _ => Err(MailError::Params(format!(
            "the days {days:?} do not run in order from {first} to {last}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_day(text).expect("date")
    }

    #[test]
    fn days_must_run_in_order_from_the_first_to_the_last() {
        let (first, last) = (day("2027-03-01"), day("2027-03-03"));
        let ok = [day("2027-03-01"), day("2027-03-03")];
        assert!(check_days(&ok, first, last).is_ok());
        for bad in [
            vec![],
            vec![day("2027-03-03"), day("2027-03-01")],
            vec![day("2027-03-01"), day("2027-03-01"), day("2027-03-03")],
            vec![day("2027-03-02"), day("2027-03-03")],
            vec![day("2027-03-01"), day("2027-03-02")],
        ] {
            assert!(check_days(&bad, first, last).is_err(), "{bad:?}");
        }
    }
}
