//! The one test harness: `spawn_app` starts convene on a free port with its own
//! database and hands back a cookie-keeping HTTP client.

use std::sync::Arc;

use convene::config::{RawSettings, Settings};
use convene::db::{self, DbConnection, DbPool};
use convene::domain::EmailAddress;
use convene::domain::password::{self, NewPassword};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::cookie::{CookieStore, Jar};

pub const PASSWORD: &str = "correct horse battery staple";

/// A database made for one test and removed after it.
pub enum TestDb {
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    pub fn new() -> TestDb {
        match std::env::var("CONVENE_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!(
                    "convene_test_{}",
                    &convene::domain::token::Token::generate().expose()[..16]
                );
                let mut admin = PgConnection::establish(&admin_url)
                    .expect("CONVENE_TEST_DATABASE_URL must reach a PostgreSQL server");
                admin
                    .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                    .expect("create test database");
                let mut url = url::Url::parse(&admin_url).expect("a postgres:// URL");
                url.set_path(&format!("/{name}"));
                TestDb::Postgres {
                    admin_url,
                    name,
                    url: url.to_string(),
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = dir.path().join("convene.db").to_string_lossy().into_owned();
                TestDb::Sqlite { _dir: dir, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres { .. })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ =
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub pool: DbPool,
    pub db_url: String,
    /// Where the app writes email as `.eml` files when no SMTP server is set.
    pub mail_dir: tempfile::TempDir,
    pub db: TestDb,
    /// Where `/metrics` is served, when `CONVENE_METRICS_BIND` is set.
    pub metrics_address: Option<String>,
}

/// Settings every test starts from; `tweak` adjusts them per test.
pub fn test_settings(db: &TestDb) -> RawSettings {
    RawSettings {
        database_url: Some(db.url().to_owned()),
        bind: Some("127.0.0.1:0".into()),
        workers: Some("2".into()),
        db_pool_size: Some("4".into()),
        ..RawSettings::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut RawSettings)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        convene::telemetry::init("info", convene::config::LogFormat::Text);
    }
    let db = TestDb::new();
    let mail_dir = tempfile::tempdir().expect("mail folder");
    let mut raw = test_settings(&db);
    raw.mail_dir = Some(mail_dir.path().to_string_lossy().into_owned());
    raw.outbox_poll_ms = Some("50".into());
    tweak(&mut raw);
    let settings = Settings::from_raw(&raw).expect("test settings are valid");
    let app = convene::Application::build(settings)
        .await
        .expect("the app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    tokio::spawn(app.run_until_stopped());
    let pool = db::connect(db.url(), 2).expect("test pool");
    let jar = jar_for();
    TestApp {
        client: new_client(&jar),
        jar,
        address,
        pool,
        db_url: db.url().to_owned(),
        mail_dir,
        db,
        metrics_address,
    }
}

fn jar_for() -> Arc<Jar> {
    Arc::new(Jar::default())
}

fn new_client(jar: &Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        // Idle connections are dropped well before the server's 5 s
        // keep-alive ends them: reusing one the server is closing at that
        // moment fails with `IncompleteMessage` on a loaded machine.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client")
}

impl TestApp {
    /// Another browser on the same server (own cookies), for tests with two people.
    pub fn second_browser(&self) -> (reqwest::Client, Arc<Jar>) {
        let jar = jar_for();
        (new_client(&jar), jar)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn conn(&self) -> db::PooledConn {
        db::PooledConn::from(self.pool.get().expect("test connection"))
    }

    /// The value of one of this browser's cookies.
    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_in(&self.jar, &self.address, name)
    }

    pub fn add_user(&self, email: &str, name: &str) {
        let hash = password::hash(&NewPassword::parse(PASSWORD.into()).expect("long enough"));
        let email = EmailAddress::parse(email).expect("valid email");
        db::users::add(&mut self.conn(), &email, name, &hash).expect("user added");
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// The page at `path`, following redirects as a browser would.
    pub async fn follow_html(&self, path: &str) -> String {
        let mut path = path.to_owned();
        for _ in 0..5 {
            let response = self.get(&path).await;
            if response.status().is_redirection() {
                path = location(&response);
            } else {
                return response.text().await.expect("body");
            }
        }
        panic!("too many redirects from {path}");
    }

    /// Fetches `form_page`, takes the CSRF token from it, and posts `fields` with it.
    pub async fn post_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.follow_html(form_page).await;
        let token = csrf_token(&html);
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    pub async fn post_raw(&self, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(action))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Logs in and checks it worked.
    pub async fn login_as(&self, email: &str) {
        let response = self.login(email, PASSWORD).await;
        assert_eq!(response.status(), 303, "login as {email} should redirect");
    }

    /// Runs `sql` directly, for moving stored instants into the past.
    pub fn execute(&self, sql: &str) {
        let mut conn = self.conn();
        let conn: &mut DbConnection = &mut conn;
        conn.batch_execute(sql).expect("test SQL");
    }

    pub fn is_postgres(&self) -> bool {
        self.db.is_postgres()
    }
}

pub fn cookie_in(jar: &Jar, address: &str, name: &str) -> Option<String> {
    let url = reqwest::Url::parse(address).expect("address");
    let header = jar.cookies(&url)?;
    header.to_str().ok()?.split("; ").find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// The CSRF token of the first form on a page.
pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_owned()
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// An SQL expression for "now minus `minutes`" on the test's backend.
pub fn minutes_ago(app: &TestApp, minutes: i64) -> String {
    if app.is_postgres() {
        format!("(now() at time zone 'utc') - interval '{minutes} minutes'")
    } else {
        format!("strftime('%Y-%m-%d %H:%M:%f', 'now', '-{minutes} minutes')")
    }
}
