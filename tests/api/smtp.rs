//! A real SMTP server on loopback for the tests, inside the test process: it
//! speaks SMTP over TCP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; it
//! offers PIPELINING, as the servers convene meets do, and answers each
//! command in turn however they arrive) to the
//! product's real transport, keeps every message it accepts as the bytes it
//! received with its envelope, and can be told to misbehave: a chosen reply
//! at a chosen command (a reply starting `421` then closes the connection, as
//! servers do), a connection dropped without a word, slow replies, a rejected
//! recipient, and "down" (listener and connections closed, later reopened on
//! the same port).
//!
//! Plain threads and blocking sockets: the server outlives any one test's
//! async runtime, and `stop` is synchronous (the port refuses connections
//! when it returns).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where in a conversation a fault applies. `Message` is the reply to the
/// end of the message data (`<CRLF>.<CRLF>`), where a server accepts or
/// refuses the message itself; `Data` is the reply to the `DATA` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Greeting,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    Message,
    Rset,
    Noop,
    Quit,
}

/// What the server does instead of its normal answer.
#[derive(Debug, Clone)]
enum Fault {
    Reply(String),
    Drop,
}

#[derive(Default)]
struct Control {
    /// Faults still to happen at each command, oldest first.
    faults: HashMap<Command, Vec<Fault>>,
    /// How long to wait before each answer at a command.
    delays: HashMap<Command, Duration>,
    rejected: Vec<String>,
}

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
    /// The name the client gave in EHLO (or HELO).
    pub helo: String,
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
    /// The path of the personal link (`/c/…` or `/i/…`, as `prefix`) in
    /// the message's text.
    pub fn link_path(&self, prefix: &str) -> String {
        let at = self
            .text
            .find(prefix)
            .unwrap_or_else(|| panic!("a {prefix} link in\n{}", self.text));
        self.text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect()
    }

    fn parse(bytes: &[u8], helo: &str, envelope_to: Vec<String>, client: SocketAddr) -> Received {
        let message = mail_parser::MessageParser::default()
            .parse(bytes)
            .expect("the server received a parseable message");
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
            helo: helo.to_owned(),
            envelope_to,
            client_port: client.port().to_string(),
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

/// What the server and its connections share.
#[derive(Default)]
struct Shared {
    control: Mutex<Control>,
    inbox: Mutex<Vec<Received>>,
    /// A handle on every open connection, so that `stop` can cut them.
    open: Mutex<Vec<TcpStream>>,
    /// Connections accepted since the start, across restarts.
    accepted: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking connection thread must not take the whole server down.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    /// The fault to apply now at `command`, if any (consumed), after the
    /// configured delay.
    fn before_reply(&self, command: Command) -> Option<Fault> {
        let (delay, fault) = {
            let mut control = lock(&self.control);
            let delay = control.delays.get(&command).copied();
            let fault = control
                .faults
                .get_mut(&command)
                .filter(|queue| !queue.is_empty())
                .map(|queue| queue.remove(0));
            (delay, fault)
        };
        if let Some(delay) = delay {
            std::thread::sleep(delay);
        }
        fault
    }

    fn is_rejected(&self, address: &str) -> bool {
        lock(&self.control)
            .rejected
            .iter()
            .any(|r| r.eq_ignore_ascii_case(address))
    }
}

struct Listening {
    stopping: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

pub struct SmtpServer {
    port: u16,
    shared: Arc<Shared>,
    listening: Option<Listening>,
}

impl SmtpServer {
    /// Starts the server on a free loopback port; it answers at once.
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let port = listener.local_addr().expect("its address").port();
        let mut server = SmtpServer {
            port,
            shared: Arc::new(Shared::default()),
            listening: None,
        };
        server.listen(listener);
        server
    }

    fn listen(&mut self, listener: TcpListener) {
        let stopping = Arc::new(AtomicBool::new(false));
        let shared = self.shared.clone();
        let stop = stopping.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                shared.accepted.fetch_add(1, Ordering::SeqCst);
                let shared = shared.clone();
                if let Ok(handle) = stream.try_clone() {
                    lock(&shared.open).push(handle);
                }
                std::thread::spawn(move || {
                    let _ = converse(stream, &shared);
                });
            }
        });
        self.listening = Some(Listening { stopping, thread });
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The `SMTP_URL` that reaches this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port())
    }

    /// How many connections clients have opened so far (across restarts).
    pub fn connections(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Every message accepted so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        lock(&self.shared.inbox).clone()
    }

    /// Waits (a few seconds at most) until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
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

    /// Answers `reply` (e.g. `451 4.3.0 try again later`) the next `times`
    /// the client reaches `command`; a `421` reply then closes the connection.
    pub fn fail_at(&self, command: Command, times: u32, reply: &str) {
        self.add_faults(command, times, Fault::Reply(reply.to_owned()));
    }

    /// Closes the connection without a word the next `times` the client
    /// reaches `command`.
    pub fn drop_at(&self, command: Command, times: u32) {
        self.add_faults(command, times, Fault::Drop);
    }

    fn add_faults(&self, command: Command, times: u32, fault: Fault) {
        let mut control = lock(&self.shared.control);
        let queue = control.faults.entry(command).or_default();
        queue.extend((0..times).map(|_| fault.clone()));
    }

    /// Forgets the faults still to happen: the server behaves again.
    pub fn clear_faults(&self) {
        lock(&self.shared.control).faults.clear();
    }

    /// Waits `delay` before every answer at `command` (zero: answer at once).
    pub fn slow_at(&self, command: Command, delay: Duration) {
        lock(&self.shared.control).delays.insert(command, delay);
    }

    /// Answers `reply` to the next `n` messages' data, refusing them.
    pub fn fail_next(&self, n: u32, reply: &str) {
        self.fail_at(Command::Message, n, reply);
    }

    /// Answers `550 5.1.1 mailbox unavailable` to RCPT TO of this address.
    pub fn reject(&self, recipient: &str) {
        lock(&self.shared.control)
            .rejected
            .push(recipient.to_owned());
    }

    /// Accepts every recipient again.
    pub fn accept_all(&self) {
        lock(&self.shared.control).rejected.clear();
    }

    /// Stops the server abruptly, as a crash or an outage would: the port
    /// refuses connections and open connections are cut when this returns.
    pub fn stop(&mut self) {
        if let Some(listening) = self.listening.take() {
            listening.stopping.store(true, Ordering::SeqCst);
            // Wake the accepting thread so that it sees the flag and closes
            // the listener.
            let _ = TcpStream::connect(("127.0.0.1", self.port));
            let _ = listening.thread.join();
        }
        for connection in lock(&self.shared.open).drain(..) {
            let _ = connection.shutdown(Shutdown::Both);
        }
    }

    /// Starts it again on the same port, keeping the messages received so far.
    pub fn restart(&mut self) {
        self.stop();
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(listener) => break listener,
                Err(error) => {
                    assert!(
                        Instant::now() < deadline,
                        "rebind port {}: {error}",
                        self.port
                    );
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        };
        self.listen(listener);
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The server's half of one connection, until QUIT, a fault or the client
/// goes away.
fn converse(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let client = stream.peer_addr()?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    // Answers normally, or applies this command's pending fault. `Ok(false)`
    // means the connection is over.
    let answer = |writer: &mut TcpStream, command: Command, normal: &str| match shared
        .before_reply(command)
    {
        None => writer.write_all(normal.as_bytes()).map(|()| true),
        Some(Fault::Drop) => writer.shutdown(Shutdown::Both).map(|()| false),
        Some(Fault::Reply(reply)) => {
            writer.write_all(format!("{reply}\r\n").as_bytes())?;
            if reply.starts_with("421") {
                writer.shutdown(Shutdown::Both)?;
                return Ok(false);
            }
            Ok(command != Command::Quit)
        }
    };
    if !answer(
        &mut writer,
        Command::Greeting,
        "220 127.0.0.1 ESMTP test server\r\n",
    )? {
        return Ok(());
    }
    let mut helo = String::new();
    let mut sender: Option<String> = None;
    let mut recipients: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let text = line.trim_end_matches(['\r', '\n']);
        let (verb, argument) = text.split_once(' ').unwrap_or((text, ""));
        let more = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                helo = argument.trim().to_owned();
                (sender, recipients) = (None, Vec::new());
                answer(
                    &mut writer,
                    Command::Ehlo,
                    "250-127.0.0.1\r\n250-PIPELINING\r\n250-SIZE 33554432\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
                )?
            }
            "HELO" => {
                helo = argument.trim().to_owned();
                (sender, recipients) = (None, Vec::new());
                answer(&mut writer, Command::Ehlo, "250 127.0.0.1\r\n")?
            }
            "MAIL" => match path_of(argument, "FROM:") {
                Some(from) => {
                    let more = answer(&mut writer, Command::Mail, "250 OK\r\n")?;
                    sender = Some(from);
                    recipients.clear();
                    more
                }
                None => answer(
                    &mut writer,
                    Command::Mail,
                    "501 5.5.4 syntax: MAIL FROM:<address>\r\n",
                )?,
            },
            "RCPT" => match (&sender, path_of(argument, "TO:")) {
                (None, _) => answer(&mut writer, Command::Rcpt, "503 5.5.1 MAIL first\r\n")?,
                (_, None) => answer(
                    &mut writer,
                    Command::Rcpt,
                    "501 5.5.4 syntax: RCPT TO:<address>\r\n",
                )?,
                (Some(_), Some(to)) if shared.is_rejected(&to) => answer(
                    &mut writer,
                    Command::Rcpt,
                    "550 5.1.1 mailbox unavailable\r\n",
                )?,
                (Some(_), Some(to)) => {
                    let more = answer(&mut writer, Command::Rcpt, "250 OK\r\n")?;
                    recipients.push(to);
                    more
                }
            },
            "DATA" if recipients.is_empty() => {
                answer(&mut writer, Command::Data, "503 5.5.1 RCPT first\r\n")?
            }
            "DATA" => {
                if !answer(
                    &mut writer,
                    Command::Data,
                    "354 end data with <CR><LF>.<CR><LF>\r\n",
                )? {
                    return Ok(());
                }
                let Some(bytes) = read_data(&mut reader)? else {
                    return Ok(());
                };
                let envelope = std::mem::take(&mut recipients);
                sender = None;
                match shared.before_reply(Command::Message) {
                    None => {
                        let message = Received::parse(&bytes, &helo, envelope, client);
                        lock(&shared.inbox).push(message);
                        writer.write_all(b"250 2.0.0 Message accepted for delivery\r\n")?;
                        true
                    }
                    Some(Fault::Drop) => {
                        writer.shutdown(Shutdown::Both)?;
                        false
                    }
                    Some(Fault::Reply(reply)) => {
                        writer.write_all(format!("{reply}\r\n").as_bytes())?;
                        !reply.starts_with("421")
                    }
                }
            }
            "RSET" => {
                (sender, recipients) = (None, Vec::new());
                answer(&mut writer, Command::Rset, "250 OK\r\n")?
            }
            "NOOP" => answer(&mut writer, Command::Noop, "250 OK\r\n")?,
            "QUIT" => {
                answer(&mut writer, Command::Quit, "221 2.0.0 bye\r\n")?;
                false
            }
            _ => writer
                .write_all(b"500 5.5.2 command not recognised\r\n")
                .map(|()| true)?,
        };
        if !more {
            let _ = writer.shutdown(Shutdown::Both);
            return Ok(());
        }
    }
}

/// The address in `FROM:<a@b> SIZE=…` or `TO:<a@b>` (the null path `<>` is
/// the empty address).
fn path_of(argument: &str, prefix: &str) -> Option<String> {
    let head = argument.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = argument[prefix.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some(inner[..end].to_owned())
}

/// The message data up to the lone dot, with dots unstuffed (RFC 5321
/// 4.5.2); `None` when the client went away before its end.
fn read_data(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(data));
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
}
