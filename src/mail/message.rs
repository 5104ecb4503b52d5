//! Puts a rendered message into an email: one recipient per message, the
//! row's own Message-ID, the secretariat as Reply-To, text and HTML
//! alternatives, and room for extra parts such as an iCalendar invitation.

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use super::MailError;
use super::render::Rendered;
use crate::config::MailSettings;

/// A part added to the rendered text and HTML.
#[derive(Debug, Clone)]
pub enum Extra {
    /// Another rendering of the same content, offered beside text and HTML,
    /// e.g. `text/calendar; method=REQUEST` for an invitation.
    Alternative { content_type: String, body: String },
    /// A file attached to the message, e.g. `invite.ics` as `application/ics`.
    Attachment {
        filename: String,
        content_type: String,
        body: Vec<u8>,
    },
}

/// Who the message goes to, and the Message-ID fixed when it was queued.
#[derive(Debug, Clone, Copy)]
pub struct Addressing<'a> {
    pub to_email: &'a str,
    pub to_name: &'a str,
    pub message_id: &'a str,
}

/// `Auto-Submitted: auto-generated` (RFC 3834), so that vacation responders
/// and mailing lists do not answer convene's messages.
#[derive(Debug, Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

fn content_type(text: &str) -> Result<ContentType, MailError> {
    ContentType::parse(text).map_err(|e| MailError::Build(format!("content type {text:?}: {e}")))
}

/// Builds the email of one outbox row.
pub fn build(
    to: Addressing<'_>,
    rendered: &Rendered,
    settings: &MailSettings,
    extras: &[Extra],
) -> Result<lettre::Message, MailError> {
    let address = to
        .to_email
        .trim()
        .parse()
        .map_err(|e| MailError::Build(format!("recipient address: {e}")))?;
    let name = Some(to.to_name.trim().to_owned()).filter(|n| !n.is_empty());
    let mut builder = lettre::Message::builder()
        .from(settings.from.clone())
        .to(Mailbox::new(name, address))
        .subject(rendered.subject.clone())
        .message_id(Some(to.message_id.to_owned()))
        .header(AutoSubmitted);
    if let Some(reply_to) = &settings.reply_to {
        builder = builder.reply_to(reply_to.clone());
    }

    let mut alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(crlf(&rendered.text)))
        .singlepart(SinglePart::html(crlf(&rendered.html)));
    let mut attachments = Vec::new();
    for extra in extras {
        match extra {
            Extra::Alternative {
                content_type: ct,
                body,
            } => {
                alternative = alternative.singlepart(
                    SinglePart::builder()
                        .content_type(content_type(ct)?)
                        .body(body.clone()),
                );
            }
            Extra::Attachment {
                filename,
                content_type: ct,
                body,
            } => attachments
                .push(Attachment::new(filename.clone()).body(body.clone(), content_type(ct)?)),
        }
    }
    let body = if attachments.is_empty() {
        alternative
    } else {
        attachments
            .into_iter()
            .fold(MultiPart::mixed().multipart(alternative), |mixed, part| {
                mixed.singlepart(part)
            })
    };
    builder
        .multipart(body)
        .map_err(|e| MailError::Build(e.to_string()))
}

/// `text` with every line ended by CR LF, as a message's lines must be (RFC
/// 5322). lettre does the same to a body it is given, but by inserting each
/// CR in place, which moves the rest of the text once per line: a rendered
/// HTML part of a few hundred lines was moved a few hundred times.
fn crlf(text: &str) -> String {
    let mut lines = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(content) if !content.ends_with('\r') => {
                lines.push_str(content);
                lines.push_str("\r\n");
            }
            _ => lines.push_str(line),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{RawSettings, Settings};

    fn settings() -> MailSettings {
        Settings::from_raw(&RawSettings {
            base_url: Some("https://convene.example.org/".into()),
            reply_to: Some("WIPO Secretariat <meetings@wipo.int>".into()),
            ..RawSettings::default()
        })
        .expect("valid")
        .mail
    }

    fn rendered() -> Rendered {
        Rendered {
            subject: "Consultation — Groupe B".into(),
            text: "Bonjour, voici le lien.".into(),
            html: "<p>Bonjour, voici le lien.</p>".into(),
        }
    }

    const TO: Addressing<'static> = Addressing {
        to_email: "coord@mission.example",
        to_name: "Ana Pérez",
        message_id: "<abc123@convene.example.org>",
    };

    #[test]
    fn a_message_carries_its_headers_and_both_alternatives() {
        let message = build(TO, &rendered(), &settings(), &[]).expect("builds");
        let text = String::from_utf8(message.formatted()).expect("UTF-8");
        assert!(
            text.contains("From: convene@convene.example.org\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Reply-To: \"WIPO Secretariat\" <meetings@wipo.int>\r\n")
                || text.contains("Reply-To: WIPO Secretariat <meetings@wipo.int>\r\n"),
            "{text}"
        );
        assert!(text.contains("Message-ID: <abc123@convene.example.org>\r\n"));
        assert!(text.contains("Auto-Submitted: auto-generated\r\n"));
        assert!(text.contains("multipart/alternative"));
        assert!(text.contains("text/plain"));
        assert!(text.contains("text/html"));
        assert_eq!(message.envelope().to().len(), 1);
    }

    #[test]
    fn extra_parts_join_the_alternatives_or_are_attached() {
        let extras = [
            Extra::Alternative {
                content_type: "text/calendar; method=REQUEST; charset=UTF-8".into(),
                body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            },
            Extra::Attachment {
                filename: "invite.ics".into(),
                content_type: "application/ics".into(),
                body: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
            },
        ];
        let message = build(TO, &rendered(), &settings(), &extras).expect("builds");
        let text = String::from_utf8(message.formatted()).expect("UTF-8");
        assert!(text.contains("multipart/mixed"));
        assert!(text.contains("text/calendar; method=REQUEST"), "{text}");
        assert!(text.contains("filename=\"invite.ics\""));
    }

    #[test]
    fn every_line_ends_with_cr_lf_once() {
        assert_eq!(crlf("a\nb\r\nc\n\nd"), "a\r\nb\r\nc\r\n\r\nd");
        assert_eq!(crlf("\n"), "\r\n");
        assert_eq!(crlf("é\r\n"), "é\r\n");
        assert_eq!(crlf("lone\rcarriage return"), "lone\rcarriage return");
        assert_eq!(crlf(""), "");
        // As lettre would have made it: the same bytes go out.
        let text = "Bonjour,\n\nLa réunion — 1 mars.\r\n.point\n";
        let ours = SinglePart::plain(crlf(text)).formatted();
        let lettres = SinglePart::plain(text.to_owned()).formatted();
        assert_eq!(ours, lettres);
    }

    #[test]
    fn an_invalid_recipient_is_refused() {
        let to = Addressing {
            to_email: "not an address",
            ..TO
        };
        assert!(matches!(
            build(to, &rendered(), &settings(), &[]),
            Err(MailError::Build(_))
        ));
    }
}
