//! Dates and instants written out for a reader of English, French or Spanish:
//! weekday and month names, day-month order, and the 24-hour clock.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

/// The languages email templates exist in; anything else reads English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Fr,
    Es,
}

impl Language {
    /// `fr`, `fr-CH`, `FR_ca` … → French; unknown or empty → English.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Language::Fr,
            "es" => Language::Es,
            _ => Language::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }
}

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const WEEKDAYS_ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A calendar date in full: "Monday 1 March 2027", "lundi 1er mars 2027",
/// "lunes 1 de marzo de 2027".
pub fn date(day: NaiveDate, language: Language) -> String {
    let weekday = day.weekday().num_days_from_monday() as usize;
    let month = day.month0() as usize;
    let (d, y) = (day.day(), day.year());
    match language {
        Language::En => format!("{} {d} {} {y}", WEEKDAYS_EN[weekday], MONTHS_EN[month]),
        Language::Fr => {
            let d = if d == 1 {
                "1er".to_owned()
            } else {
                d.to_string()
            };
            format!("{} {d} {} {y}", WEEKDAYS_FR[weekday], MONTHS_FR[month])
        }
        Language::Es => format!(
            "{} {d} de {} de {y}",
            WEEKDAYS_ES[weekday], MONTHS_ES[month]
        ),
    }
}

/// A time of day on the 24-hour clock: "18:00", or "18 h 00" in French.
fn clock(hour: u32, minute: u32, language: Language) -> String {
    match language {
        Language::Fr => format!("{hour} h {minute:02}"),
        _ => format!("{hour:02}:{minute:02}"),
    }
}

/// An instant in a zone, with the zone's abbreviation and IANA name, then in
/// UTC: "Friday 15 January 2027, 18:00 CET (Europe/Zurich), that is
/// Friday 15 January 2027, 17:00 UTC".
pub fn instant(at: DateTime<Utc>, zone: Tz, language: Language) -> String {
    let that_is = match language {
        Language::En => "that is",
        Language::Fr => "soit le",
        Language::Es => "es decir, el",
    };
    format!(
        "{}, {that_is} {}",
        in_zone(at, zone, language),
        in_utc(at, language)
    )
}

/// An instant in a zone, with the zone's abbreviation and IANA name:
/// "Friday 15 January 2027, 18:00 CET (Europe/Zurich)". Pages show it above
/// [`in_utc`] where an email joins both into one [`instant`].
pub fn in_zone(at: DateTime<Utc>, zone: Tz, language: Language) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{}{} {} {} ({})",
        date(local.date_naive(), language),
        at_word(language),
        clock(local.hour(), local.minute(), language),
        local.format("%Z"),
        zone.name()
    )
}

/// An instant in UTC: "Friday 15 January 2027, 17:00 UTC".
pub fn in_utc(at: DateTime<Utc>, language: Language) -> String {
    format!(
        "{}{} {} UTC",
        date(at.date_naive(), language),
        at_word(language),
        clock(at.hour(), at.minute(), language)
    )
}

/// One meeting day with its hours in the zone, then in UTC: "Friday 26
/// March 2027, 10:00–18:00 CET (Europe/Zurich), that is 09:00–17:00 UTC".
pub fn sitting(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz, language: Language) -> String {
    let (from, to) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let that_is = match language {
        Language::En => "that is",
        Language::Fr => "soit",
        Language::Es => "es decir,",
    };
    format!(
        "{}, {}–{} {} ({}), {that_is} {}–{} UTC",
        date(from.date_naive(), language),
        clock(from.hour(), from.minute(), language),
        clock(to.hour(), to.minute(), language),
        from.format("%Z"),
        zone.name(),
        clock(start.hour(), start.minute(), language),
        clock(end.hour(), end.minute(), language),
    )
}

fn at_word(language: Language) -> &'static str {
    match language {
        Language::En => ",",
        Language::Fr => " à",
        Language::Es => ", a las",
    }
}

/// A period of whole days: "from Monday 1 March 2027 to Friday 12 March 2027".
pub fn window(start: NaiveDate, end: NaiveDate, language: Language) -> String {
    let (from, to) = match language {
        Language::En => ("from", "to"),
        Language::Fr => ("du", "au"),
        Language::Es => ("del", "al"),
    };
    format!(
        "{from} {} {to} {}",
        date(start, language),
        date(end, language)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deadline() -> DateTime<Utc> {
        "2027-01-15T17:00:00Z".parse().expect("instant")
    }

    #[test]
    fn languages_are_chosen_by_their_primary_tag() {
        assert_eq!(Language::from_tag("fr-CH"), Language::Fr);
        assert_eq!(Language::from_tag("ES"), Language::Es);
        assert_eq!(Language::from_tag("ar"), Language::En);
        assert_eq!(Language::from_tag(""), Language::En);
    }

    #[test]
    fn an_instant_is_shown_in_the_zone_and_in_utc_in_each_language() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        assert_eq!(
            instant(deadline(), zone, Language::En),
            "Friday 15 January 2027, 18:00 CET (Europe/Zurich), that is \
             Friday 15 January 2027, 17:00 UTC"
        );
        assert_eq!(
            instant(deadline(), zone, Language::Fr),
            "vendredi 15 janvier 2027 à 18 h 00 CET (Europe/Zurich), soit le \
             vendredi 15 janvier 2027 à 17 h 00 UTC"
        );
        assert_eq!(
            instant(deadline(), zone, Language::Es),
            "viernes 15 de enero de 2027, a las 18:00 CET (Europe/Zurich), es decir, el \
             viernes 15 de enero de 2027, a las 17:00 UTC"
        );
    }

    #[test]
    fn an_instant_splits_into_the_zone_and_utc_for_pages() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        assert_eq!(
            in_zone(deadline(), zone, Language::Fr),
            "vendredi 15 janvier 2027 à 18 h 00 CET (Europe/Zurich)"
        );
        assert_eq!(
            in_utc(deadline(), Language::Es),
            "viernes 15 de enero de 2027, a las 17:00 UTC"
        );
    }

    #[test]
    fn a_meeting_day_shows_its_hours_in_the_zone_and_in_utc() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        let (start, end) = (
            "2027-03-29T08:00:00Z".parse().expect("instant"),
            "2027-03-29T16:00:00Z".parse().expect("instant"),
        );
        assert_eq!(
            sitting(start, end, zone, Language::En),
            "Monday 29 March 2027, 10:00–18:00 CEST (Europe/Zurich), that is 08:00–16:00 UTC"
        );
        assert_eq!(
            sitting(start, end, zone, Language::Fr),
            "lundi 29 mars 2027, 10 h 00–18 h 00 CEST (Europe/Zurich), soit 8 h 00–16 h 00 UTC"
        );
    }

    #[test]
    fn the_utc_date_may_differ_from_the_local_one() {
        let zone: Tz = "Asia/Tokyo".parse().expect("zone");
        let late: DateTime<Utc> = "2027-03-01T16:30:00Z".parse().expect("instant");
        let text = instant(late, zone, Language::En);
        assert!(text.starts_with("Tuesday 2 March 2027, 01:30 JST (Asia/Tokyo)"));
        assert!(text.ends_with("Monday 1 March 2027, 16:30 UTC"));
    }

    #[test]
    fn the_first_of_the_month_is_premier_in_french() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
        assert_eq!(date(day, Language::Fr), "lundi 1er mars 2027");
        assert_eq!(
            window(day, day + chrono::Days::new(11), Language::Es),
            "del lunes 1 de marzo de 2027 al viernes 12 de marzo de 2027"
        );
    }
}
