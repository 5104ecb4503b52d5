//! Messages built on several cores at once (issue 11, goal 4) still each go
//! to their own recipient, once, with their own Message-ID and link.

use std::collections::{HashMap, HashSet};

use convene::db::outbox;

use crate::helpers::spawn_app_with;
use crate::outbox::{fast_mail, queue, several_polls, wait_status};
use crate::smtp::SmtpServer;

#[tokio::test]
async fn messages_built_in_parallel_each_reach_their_recipient_once_with_their_own_id_and_link() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.base_url = Some("http://convene.test/".into());
        raw.mail_concurrency = Some("8".into());
        raw.mail_rate = Some("100000".into());
    })
    .await;
    let count = 150;
    let languages = ["en", "fr", "es"];
    let queued: HashMap<String, (i64, String)> = (0..count)
        .map(|n| {
            let email = format!("c{n}@mission.example");
            let queued = queue(&app, &email, languages[n % languages.len()]);
            (email, queued)
        })
        .collect();

    let received = smtp.wait_for(count).await;
    let mut message_ids = HashSet::new();
    for mail in &received {
        let [email] = &mail.envelope_to[..] else {
            panic!("one recipient per message: {:?}", mail.envelope_to);
        };
        assert_eq!(mail.to, [email.as_str()], "the envelope and To agree");
        let (id, token) = &queued[email];
        let row = wait_status(&app, *id, outbox::SENT).await;
        assert_eq!(format!("<{}>", mail.message_id), row.message_id, "{email}");
        assert!(message_ids.insert(mail.message_id.clone()), "{email}");
        let link = format!("http://convene.test/c/{token}");
        assert!(mail.text.contains(&link), "{email}'s own link");
        assert!(mail.html.contains(&link), "{email}'s own link");
    }
    several_polls().await;
    assert_eq!(smtp.messages().len(), count, "each message exactly once");
    let counts = outbox::counts(&mut app.conn(), None).expect("counts");
    assert_eq!(counts.sent, count as i64, "{counts:?}");
}
