//! A real SMTP server on loopback for the tests: Python's aiosmtpd (Debian
//! package `python3-aiosmtpd`) driven by a small script. It keeps every
//! message it accepts as a file, reads a control file on each RCPT and DATA
//! (so a test can make it answer 451 or 550), and can be stopped and started
//! again on the same port.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SCRIPT: &str = r#"
import json, os, signal, sys, time, uuid
from aiosmtpd.controller import Controller

state, port = sys.argv[1], int(sys.argv[2])
control_path = os.path.join(state, "control.json")
inbox = os.path.join(state, "inbox")
os.makedirs(inbox, exist_ok=True)

def load():
    try:
        with open(control_path) as f:
            return json.load(f)
    except (FileNotFoundError, ValueError):
        return {}

def save(control):
    tmp = control_path + ".server.tmp"
    with open(tmp, "w") as f:
        json.dump(control, f)
    os.replace(tmp, control_path)

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rejected = [r.lower() for r in load().get("reject", [])]
        if address.lower() in rejected:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        control = load()
        if control.get("fail_next", 0) > 0:
            control["fail_next"] -= 1
            save(control)
            return control.get("fail_reply", "451 4.3.0 try again later")
        name = "%020d-%s" % (time.time_ns(), uuid.uuid4().hex)
        head = ("X-Envelope-Recipients: %s\r\nX-Client-Port: %d\r\n"
                % (",".join(envelope.rcpt_tos), session.peer[1])).encode()
        tmp = os.path.join(inbox, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head + envelope.original_content)
        os.replace(tmp, os.path.join(inbox, name + ".eml"))
        return "250 2.0.0 Message accepted for delivery"

controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
"#;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
    /// RCPT TO addresses of the SMTP transaction.
    pub envelope_to: Vec<String>,
    /// The client's TCP port: one per connection.
    pub client_port: String,
    /// Without angle brackets, as mail-parser gives it.
    pub message_id: String,
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub auto_submitted: Option<String>,
    pub text: String,
    pub html: String,
}

impl Received {
    fn parse(bytes: &[u8]) -> Received {
        let message = mail_parser::MessageParser::default()
            .parse(bytes)
            .expect("the server stored a parseable message");
        let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_owned());
        let addresses = |a: Option<&mail_parser::Address>| -> Vec<String> {
            a.map(|a| {
                a.iter()
                    .filter_map(|addr| addr.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
        };
        Received {
            raw: String::from_utf8_lossy(bytes).into_owned(),
            envelope_to: header("X-Envelope-Recipients")
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            client_port: header("X-Client-Port").unwrap_or_default(),
            message_id: message.message_id().unwrap_or_default().to_owned(),
            to: addresses(message.to()),
            reply_to: addresses(message.reply_to()).into_iter().next(),
            subject: message.subject().unwrap_or_default().to_owned(),
            auto_submitted: header("Auto-Submitted"),
            text: message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
        }
    }

    /// Whether the message has a part of this MIME type of its own (mail-parser
    /// would otherwise derive a missing text part from the HTML or back).
    pub fn has_part(&self, mime_type: &str) -> bool {
        self.raw
            .to_ascii_lowercase()
            .contains(&format!("content-type: {mime_type}"))
    }
}

pub struct SmtpServer {
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl SmtpServer {
    /// Starts the server on a free loopback port and waits until it answers.
    pub fn start() -> SmtpServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("server.py"), SCRIPT).expect("write the script");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut server = SmtpServer {
            dir,
            port,
            child: None,
        };
        server.launch();
        server
    }

    fn launch(&mut self) {
        // Debian's python3-aiosmtpd is installed for the system interpreter,
        // which another python3 earlier on PATH (pyenv, a venv) would not see.
        let python = if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3"
        } else {
            "python3"
        };
        let log = self.dir.path().join("server.log");
        let mut child = Command::new(python)
            .arg(self.dir.path().join("server.py"))
            .arg(self.dir.path())
            .arg(self.port.to_string())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("server log"))
            .spawn()
            .expect("python3 starts (the Debian package python3-aiosmtpd is needed)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read from the SMTP server");
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP server did not start (is python3-aiosmtpd installed?): {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        self.child = Some(child);
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The `SMTP_URL` that reaches this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port())
    }

    fn inbox(&self) -> PathBuf {
        self.dir.path().join("inbox")
    }

    /// Every message accepted so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = match std::fs::read_dir(self.inbox()) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
            .iter()
            .map(|p| Received::parse(&std::fs::read(p).expect("read a stored message")))
            .collect()
    }

    /// Waits (a few seconds at most) until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} messages, the SMTP server has {}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    fn control(&self, change: impl FnOnce(&mut serde_json::Value)) {
        let path = self.dir.path().join("control.json");
        let mut control: serde_json::Value = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_else(|| serde_json::json!({}));
        change(&mut control);
        write_atomically(&path, control.to_string().as_bytes());
    }

    /// Answers `reply` (e.g. `451 4.3.0 try again later`) to the next `n` messages' DATA.
    pub fn fail_next(&self, n: u32, reply: &str) {
        self.control(|c| {
            c["fail_next"] = n.into();
            c["fail_reply"] = reply.into();
        });
    }

    /// Answers `550 5.1.1 mailbox unavailable` to RCPT TO of this address.
    pub fn reject(&self, recipient: &str) {
        self.control(|c| {
            let mut list = c["reject"].as_array().cloned().unwrap_or_default();
            list.push(recipient.into());
            c["reject"] = list.into();
        });
    }

    /// Accepts every recipient again.
    pub fn accept_all(&self) {
        self.control(|c| c["reject"] = serde_json::json!([]));
    }

    /// Stops the server abruptly, as a crash or an outage would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, keeping the messages received so far.
    pub fn restart(&mut self) {
        self.stop();
        self.launch();
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) {
    let temporary = path.with_extension("test.tmp");
    std::fs::write(&temporary, bytes).expect("write the control file");
    std::fs::rename(&temporary, path).expect("replace the control file");
}
