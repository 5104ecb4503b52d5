//! iCalendar (RFC 5545) for invitations: one VEVENT per message, as an iTIP
//! request or cancellation (RFC 5546). Written by hand: the format is small,
//! and escaping and line folding are the parts that matter.
//!
//! The one ATTENDEE carries `RSVP=FALSE`: replies are taken at the
//! recipient's personal web link, not by calendar REPLY messages, which
//! nobody reads. The calendar file only puts the meeting in the calendar.

use chrono::{DateTime, Utc};

/// A start and an end, as UTC instants.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

/// The iTIP method of the calendar object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A new event, or a new version of it (same UID, higher SEQUENCE).
    Request,
    /// The event is withdrawn from the attendee's calendar.
    Cancel,
}

impl Method {
    /// The METHOD value, as also named in the MIME type's `method` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }

    fn status(self) -> &'static str {
        match self {
            Method::Request => "CONFIRMED",
            Method::Cancel => "CANCELLED",
        }
    }
}

/// One event for one attendee. Text fields are given as plain text; escaping
/// and folding happen in [`render`]. Empty `description` and `location` are
/// left out, as is an empty CN.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<'a> {
    pub method: Method,
    pub uid: &'a str,
    pub sequence: u32,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The other days the event takes place, each with its start and end,
    /// after the first (`start`, `end`); empty for a single run.
    pub more_days: &'a [Span],
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub url: Option<&'a str>,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub attendee_name: &'a str,
    pub attendee_email: &'a str,
}

/// Longest content line, in octets, without its CRLF (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The VCALENDAR text of `event`, CRLF line ends, every line folded.
pub fn render(event: &Event<'_>) -> String {
    let mut out = String::with_capacity(1024);
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//convene//convene//EN");
    line("CALSCALE:GREGORIAN");
    line(&format!("METHOD:{}", event.method.name()));
    line("BEGIN:VEVENT");
    line(&format!("UID:{}", text(event.uid)));
    line(&format!("SEQUENCE:{}", event.sequence));
    line(&format!("DTSTAMP:{}", utc(event.stamp)));
    line(&format!("DTSTART:{}", utc(event.start)));
    line(&format!("DTEND:{}", utc(event.end)));
    if !event.more_days.is_empty() {
        line(&rdate(event));
    }
    line(&format!("SUMMARY:{}", text(event.summary)));
    if !event.description.trim().is_empty() {
        line(&format!("DESCRIPTION:{}", text(event.description)));
    }
    if !event.location.trim().is_empty() {
        line(&format!("LOCATION:{}", text(event.location)));
    }
    if let Some(url) = event.url {
        line(&format!("URL:{}", uri(url)));
    }
    line(&format!("STATUS:{}", event.method.status()));
    line("TRANSP:OPAQUE");
    line(&format!(
        "ORGANIZER{}:mailto:{}",
        common_name(event.organizer_name),
        uri(event.organizer_email)
    ));
    line(&format!(
        "ATTENDEE{};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{}",
        common_name(event.attendee_name),
        uri(event.attendee_email)
    ));
    line("END:VEVENT");
    line("END:VCALENDAR");
    out
}

/// The other days as RDATE: start instants when every day lasts as long as
/// the first (DTEND gives the length), else periods with their own ends
/// (RFC 5545 §3.8.5.2), e.g. half a day on the first and last day.
fn rdate(event: &Event<'_>) -> String {
    let length = event.end - event.start;
    if event.more_days.iter().all(|(s, e)| *e - *s == length) {
        let starts: Vec<String> = event.more_days.iter().map(|(s, _)| utc(*s)).collect();
        format!("RDATE:{}", starts.join(","))
    } else {
        let periods: Vec<String> = event
            .more_days
            .iter()
            .map(|(s, e)| format!("{}/{}", utc(*s), utc(*e)))
            .collect();
        format!("RDATE;VALUE=PERIOD:{}", periods.join(","))
    }
}

/// A DATE-TIME in UTC form: `20270301T090000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped,
/// line breaks written `\n`; carriage returns and other control characters,
/// which TEXT cannot hold, are dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value has no escapes; control characters would break the line.
fn uri(value: &str) -> String {
    value.trim().chars().filter(|c| !c.is_control()).collect()
}

/// `;CN=…` for a name, or nothing for an empty one. A parameter value cannot
/// hold DQUOTE or control characters, so they are dropped; it is quoted when
/// it holds `:`, `;` or `,` (RFC 5545 §3.2).
fn common_name(name: &str) -> String {
    let clean: String = name
        .trim()
        .chars()
        .filter(|&c| c != '"' && !c.is_control())
        .collect();
    if clean.is_empty() {
        String::new()
    } else if clean.contains([':', ';', ',']) {
        format!(";CN=\"{clean}\"")
    } else {
        format!(";CN={clean}")
    }
}

/// Appends one content line, folded so that no physical line exceeds 75
/// octets: a fold is CRLF and one space, and never splits a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    // The first physical line has 75 octets; each continuation, after its
    // leading space, 74.
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("instant")
    }

    fn event() -> Event<'static> {
        Event {
            method: Method::Request,
            uid: "meeting-42@convene.example.org",
            sequence: 2,
            stamp: at("2027-01-20T08:15:00Z"),
            start: at("2027-03-01T09:00:00Z"),
            end: at("2027-03-02T17:00:00Z"),
            more_days: &[],
            summary: "Consultation informelle, « ressources génétiques »; séance 1",
            description: "Objet : arrêter les dates, les modalités; etc.\r\nSecond line \\ end.",
            location: "Salle A, Genève",
            url: Some("https://convene.example.org/i/tok3n"),
            organizer_name: "Secrétariat de l'OMPI",
            organizer_email: "meetings@wipo.int",
            attendee_name: "Pérez, Ana",
            attendee_email: "ana@mission.example",
        }
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a\\b;c,d\r\ne\rf\u{7}g\th"), "a\\\\b\\;c\\,d\\nefg\th");
        let ics = unfold(&render(&event()));
        assert!(ics.contains(
            "\r\nSUMMARY:Consultation informelle\\, « ressources génétiques »\\; séance 1\r\n"
        ));
        assert!(ics.contains(
            "\r\nDESCRIPTION:Objet : arrêter les dates\\, les modalités\\; etc.\\nSecond line \\\\ end.\r\n"
        ));
        assert!(ics.contains("\r\nLOCATION:Salle A\\, Genève\r\n"));
    }

    #[test]
    fn names_with_separators_are_quoted_and_lose_their_quotes() {
        assert_eq!(common_name("Ana Pérez"), ";CN=Ana Pérez");
        assert_eq!(common_name("Pérez, Ana"), ";CN=\"Pérez, Ana\"");
        assert_eq!(common_name("The \"A\" team: B"), ";CN=\"The A team: B\"");
        assert_eq!(common_name("  "), "");
        let ics = unfold(&render(&event()));
        assert!(ics.contains(
            "\r\nATTENDEE;CN=\"Pérez, Ana\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;\
             RSVP=FALSE:mailto:ana@mission.example\r\n"
        ));
        assert!(
            ics.contains("\r\nORGANIZER;CN=Secrétariat de l'OMPI:mailto:meetings@wipo.int\r\n")
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let summary = "Réunion d'information sur l'été — ωμέγα 会議 ".repeat(8);
        let ics = render(&Event {
            summary: &summary,
            ..event()
        });
        assert!(ics.ends_with("\r\n"));
        for physical in ics.split("\r\n") {
            assert!(
                physical.len() <= LINE_OCTETS,
                "{} octets: {physical}",
                physical.len()
            );
        }
        assert!(!ics.replace("\r\n", "").contains('\r') && !ics.replace("\r\n", "").contains('\n'));
        let unfolded = unfold(&ics);
        assert!(unfolded.contains(&format!("\r\nSUMMARY:{}\r\n", text(&summary))));
        assert!(ics.matches("\r\n ").count() >= 5, "the summary was folded");
    }

    #[test]
    fn folding_splits_exactly_at_the_limit() {
        let mut out = String::new();
        let line = "X".repeat(75 + 74 + 1);
        fold_into(&mut out, &line);
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical.len(), 3);
        assert_eq!(physical[0].len(), 75);
        assert_eq!(physical[1].len(), 75);
        assert_eq!(physical[2], " X");
        let mut short = String::new();
        fold_into(&mut short, &"é".repeat(37));
        assert_eq!(
            short,
            format!("{}\r\n", "é".repeat(37)),
            "74 octets stay one line"
        );
    }

    #[test]
    fn a_request_is_confirmed_and_a_cancellation_cancelled() {
        let request = render(&event());
        assert!(request.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//convene//convene//EN\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        ));
        for expected in [
            "\r\nUID:meeting-42@convene.example.org\r\n",
            "\r\nSEQUENCE:2\r\n",
            "\r\nDTSTAMP:20270120T081500Z\r\n",
            "\r\nDTSTART:20270301T090000Z\r\n",
            "\r\nDTEND:20270302T170000Z\r\n",
            "\r\nURL:https://convene.example.org/i/tok3n\r\n",
            "\r\nSTATUS:CONFIRMED\r\n",
            "\r\nTRANSP:OPAQUE\r\n",
        ] {
            assert!(request.contains(expected), "{expected:?} in\n{request}");
        }
        assert!(request.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));

        let cancel = render(&Event {
            method: Method::Cancel,
            sequence: 3,
            url: None,
            description: "",
            location: " ",
            ..event()
        });
        assert!(cancel.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(cancel.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(cancel.contains("\r\nSEQUENCE:3\r\n"));
        for absent in ["CONFIRMED", "URL:", "DESCRIPTION:", "LOCATION:"] {
            assert!(!cancel.contains(absent), "{absent} in\n{cancel}");
        }
    }

    #[test]
    fn an_independent_parser_reads_back_what_was_written() {
        use icalendar::parser::{read_calendar, unfold};
        let original = event();
        let ics = render(&original);
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).expect("parses");
        let value = |name: &str| {
            calendar
                .properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.val.as_str().to_owned())
        };
        assert_eq!(value("METHOD").as_deref(), Some("REQUEST"));
        assert_eq!(value("VERSION").as_deref(), Some("2.0"));
        assert_eq!(calendar.components.len(), 1);
        let vevent = &calendar.components[0];
        assert_eq!(vevent.name.as_str(), "VEVENT");
        let prop = |name: &str| vevent.find_prop(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(prop("UID").val.as_str(), original.uid);
        assert_eq!(prop("SEQUENCE").val.as_str(), "2");
        assert_eq!(prop("DTSTART").val.as_str(), "20270301T090000Z");
        assert_eq!(prop("DTEND").val.as_str(), "20270302T170000Z");
        assert_eq!(prop("SUMMARY").val.as_str(), original.summary);
        assert_eq!(
            prop("DESCRIPTION").val.as_str(),
            original.description.replace('\r', "")
        );
        assert_eq!(prop("LOCATION").val.as_str(), original.location);
        let organizer = prop("ORGANIZER");
        assert_eq!(organizer.val.as_str(), "mailto:meetings@wipo.int");
        let cn = |p: &icalendar::parser::Property<'_>| {
            p.params
                .iter()
                .find(|param| param.key == "CN")
                .and_then(|param| param.val.as_ref())
                .map(|v| v.as_str().to_owned())
        };
        assert_eq!(cn(organizer).as_deref(), Some("Secrétariat de l'OMPI"));
        let attendees: Vec<_> = vevent
            .properties
            .iter()
            .filter(|p| p.name == "ATTENDEE")
            .collect();
        assert_eq!(attendees.len(), 1);
        assert_eq!(attendees[0].val.as_str(), "mailto:ana@mission.example");
        assert_eq!(cn(attendees[0]).as_deref(), Some("Pérez, Ana"));
        let param = |key: &str| {
            attendees[0]
                .params
                .iter()
                .find(|p| p.key == key)
                .and_then(|p| p.val.as_ref())
                .map(|v| v.as_str().to_owned())
        };
        assert_eq!(param("RSVP").as_deref(), Some("FALSE"));
        assert_eq!(param("PARTSTAT").as_deref(), Some("NEEDS-ACTION"));
        assert_eq!(param("ROLE").as_deref(), Some("REQ-PARTICIPANT"));
    }

    #[test]
    fn other_days_of_unequal_length_are_periods_that_a_second_parser_expands() {
        let more = [
            (at("2027-03-03T09:00:00Z"), at("2027-03-03T17:00:00Z")),
            (at("2027-03-08T09:00:00Z"), at("2027-03-08T12:00:00Z")),
        ];
        let half_day_first = Event {
            start: at("2027-03-01T14:00:00Z"),
            end: at("2027-03-01T17:00:00Z"),
            more_days: &more,
            ..event()
        };
        let ics = render(&half_day_first);
        assert!(
            unfold(&ics).contains(
                "RDATE;VALUE=PERIOD:20270303T090000Z/20270303T170000Z,\
                 20270308T090000Z/20270308T120000Z\r\n"
            ),
            "{ics}"
        );
        let calendar = calcard::icalendar::ICalendar::parse(&ics).expect("calcard parses");
        let expanded = calendar.expand_dates(chrono_tz::UTC, 10);
        assert!(expanded.errors.is_empty());
        let mut found: Vec<(DateTime<Utc>, DateTime<Utc>)> = expanded
            .events
            .iter()
            .map(|e| {
                let start = e.start.with_timezone(&Utc);
                let end = match &e.end {
                    calcard::icalendar::dates::TimeOrDelta::Time(t) => t.with_timezone(&Utc),
                    calcard::icalendar::dates::TimeOrDelta::Delta(d) => start + *d,
                };
                (start, end)
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                (at("2027-03-01T14:00:00Z"), at("2027-03-01T17:00:00Z")),
                more[0],
                more[1]
            ]
        );
    }
}
