//! Reads the iCalendar part of a received message with the `icalendar`
//! crate's parser: an independent reading of what convene wrote. A second,
//! independent parser (`calcard`, which also expands recurrences) says when
//! the event takes place, as a calendar application would.

use icalendar::parser::{read_calendar, unfold};

/// A property: name, value, parameters as `(key, value)`.
pub type Property = (String, String, Vec<(String, String)>);

/// The calendar of one message: its METHOD and its one VEVENT's properties
/// as `(name, value, parameters)`, TEXT values unescaped.
#[derive(Debug)]
pub struct Calendar {
    pub method: String,
    pub event: Vec<Property>,
}

/// The `text/calendar` part of a raw message.
pub fn calendar_text(raw: &str) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a parseable message");
    let part = message
        .parts
        .iter()
        .find(|p| {
            use mail_parser::MimeHeaders;
            p.content_type()
                .is_some_and(|ct| ct.ctype() == "text" && ct.subtype() == Some("calendar"))
        })
        .expect("a text/calendar part");
    String::from_utf8(part.contents().to_vec()).expect("UTF-8")
}

/// Every occurrence of the calendar's events, as `calcard` expands them
/// (DTSTART/DTEND, RDATE, RRULE), in UTC and in order.
pub fn occurrences(
    ics: &str,
) -> Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    use calcard::icalendar::ICalendar;
    use calcard::icalendar::dates::TimeOrDelta;
    let calendar = ICalendar::parse(ics).expect("calcard parses the .ics");
    let expanded = calendar.expand_dates(chrono_tz::UTC, 100);
    assert!(expanded.errors.is_empty(), "{:?}", expanded.errors);
    let mut found: Vec<_> = expanded
        .events
        .iter()
        .map(|e| {
            let start = e.start.with_timezone(&chrono::Utc);
            let end = match &e.end {
                TimeOrDelta::Time(end) => end.with_timezone(&chrono::Utc),
                TimeOrDelta::Delta(length) => start + *length,
            };
            (start, end)
        })
        .collect();
    found.sort();
    found
}

impl Calendar {
    /// The `text/calendar` part of a raw message.
    pub fn of_message(raw: &str) -> Calendar {
        let message = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .expect("a parseable message");
        let part = message
            .parts
            .iter()
            .find(|p| {
                use mail_parser::MimeHeaders;
                p.content_type()
                    .is_some_and(|ct| ct.ctype() == "text" && ct.subtype() == Some("calendar"))
            })
            .expect("a text/calendar part");
        let ics = String::from_utf8(part.contents().to_vec()).expect("UTF-8");
        Calendar::parse(&ics)
    }

    pub fn parse(ics: &str) -> Calendar {
        let unfolded = unfold(ics);
        let calendar = read_calendar(&unfolded).expect("the .ics parses");
        let method = calendar
            .properties
            .iter()
            .find(|p| p.name == "METHOD")
            .map(|p| p.val.as_str().to_owned())
            .expect("METHOD");
        assert_eq!(calendar.components.len(), 1, "one component");
        let component = &calendar.components[0];
        assert_eq!(component.name.as_str(), "VEVENT");
        let event = component
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.as_str().to_owned(),
                    p.val.as_str().to_owned(),
                    p.params
                        .iter()
                        .map(|q| {
                            (
                                q.key.as_str().to_owned(),
                                q.val
                                    .as_ref()
                                    .map(|v| v.as_str())
                                    .unwrap_or_default()
                                    .to_owned(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        Calendar { method, event }
    }

    /// The value of the one property `name` (fails when absent or repeated).
    pub fn value(&self, name: &str) -> String {
        let found: Vec<_> = self.event.iter().filter(|p| p.0 == name).collect();
        assert_eq!(found.len(), 1, "exactly one {name}: {:?}", self.event);
        found[0].1.clone()
    }

    /// Every value of `name`.
    pub fn values(&self, name: &str) -> Vec<String> {
        self.event
            .iter()
            .filter(|p| p.0 == name)
            .map(|p| p.1.clone())
            .collect()
    }
}
