//! Test harness: a real server on a random port, on SQLite or PostgreSQL,
//! and a client that keeps cookies and the CSRF token like a browser would.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Mutex;

use base64::Engine;
use clap::Parser;
use qr_event_server::Settings;
use reqwest::header::{HeaderMap, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::sync::oneshot;

/// Which database the app runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one scenario on both backends.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::postgres_available().await {
                    super::$name($crate::common::Backend::Postgres).await;
                }
            }
        }
    )*};
}

#[derive(Parser)]
struct Wrapper {
    #[command(flatten)]
    settings: Settings,
}

pub const MASTER_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

pub fn admin_url() -> String {
    std::env::var("QR_EVENT_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// True when PostgreSQL answers. Under `CI=true` an absent PostgreSQL is a
/// failure, never a skip.
pub async fn postgres_available() -> bool {
    let ok = sqlx::PgPool::connect(&admin_url()).await.is_ok();
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but PostgreSQL is not reachable at {}", admin_url());
        }
        eprintln!("PostgreSQL not reachable; skipping the PostgreSQL run of this test");
    }
    ok
}

/// A running server.
pub struct TestApp {
    pub addr: SocketAddr,
    pub backend: Backend,
    pub settings: Settings,
    pub storage: qr_event_storage::Storage,
    stop: Option<oneshot::Sender<()>>,
    pub data_dir: PathBuf,
    database: Option<String>,
    /// The PostgreSQL URL of this app's database.
    pub database_url: Option<String>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, &[] as &[&str]).await
    }

    /// Starts a server with extra `--flag value` arguments.
    pub async fn spawn_with(backend: Backend, extra: &[impl AsRef<str>]) -> Self {
        let data_dir =
            std::env::temp_dir().join(format!("qre-test-{}", uuid::Uuid::new_v4().simple()));
        let mut args: Vec<String> = vec![
            "test".into(),
            "--data-dir".into(),
            data_dir.display().to_string(),
            "--master-key".into(),
            MASTER_KEY.into(),
            "--bind".into(),
            "127.0.0.1:0".into(),
            "--password-hash-concurrency".into(),
            "4".into(),
        ];
        let mut database = None;
        let mut database_url = None;
        if backend == Backend::Postgres {
            let name = format!("qre_t_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(&admin_url())
                .await
                .expect("PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("create db");
            admin.close().await;
            let base = admin_url();
            let url = format!(
                "{}/{name}",
                base.rsplit_once('/').expect("url has a database").0
            );
            args.push("--database-url".into());
            args.push(url.clone());
            database = Some(name);
            database_url = Some(url);
        }
        args.extend(extra.iter().map(|s| s.as_ref().to_owned()));
        let settings = Wrapper::try_parse_from(&args)
            .expect("test settings parse")
            .settings;
        let app = qr_event_server::build(&settings).await.expect("app builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let router = app.router;
        tokio::spawn(async move {
            let _ = qr_event_server::serve_until(
                listener,
                router,
                async {
                    let _ = stopped.await;
                },
                std::time::Duration::from_secs(1),
            )
            .await;
        });
        TestApp {
            addr,
            backend,
            settings,
            storage: app.storage,
            stop: Some(stop),
            data_dir,
            database,
            database_url,
        }
    }

    /// Storage flags that point a `qr-event` process at this app's database.
    pub fn storage_args(&self) -> Vec<String> {
        match &self.database_url {
            Some(url) => vec!["--database-url".into(), url.clone()],
            None => vec!["--data-dir".into(), self.data_dir.display().to_string()],
        }
    }

    /// Runs SQL on the app's database, bypassing the application (for
    /// tampering tests).
    pub async fn raw_sql(&self, statements: &[&str]) {
        self.try_raw_sql(statements).await.expect("raw SQL runs");
    }

    /// Like [`TestApp::raw_sql`], returning the database's refusal.
    pub async fn try_raw_sql(&self, statements: &[&str]) -> Result<(), sqlx::Error> {
        match &self.database_url {
            Some(url) => {
                let pool = sqlx::PgPool::connect(url).await?;
                for sql in statements {
                    sqlx::query(sql).execute(&pool).await?;
                }
                pool.close().await;
            }
            None => {
                let url = format!("sqlite://{}", self.data_dir.join("qr-event.db").display());
                let pool = sqlx::SqlitePool::connect(&url).await?;
                for sql in statements {
                    sqlx::query(sql).execute(&pool).await?;
                }
                pool.close().await;
            }
        }
        Ok(())
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn client(&self) -> Client {
        Client {
            base: format!("http://{}", self.addr),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: Mutex::new(HashMap::new()),
            csrf: Mutex::new(None),
        }
    }

    /// A client signed in as a new account.
    pub async fn user(&self, email: &str) -> Client {
        let client = self.client();
        let res = client
            .register(email, "Test Person", "a long enough passphrase")
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        client
    }

    /// The JWT keys the server signs with (to forge test tokens).
    pub async fn jwt_keys(&self) -> qr_event_auth::JwtKeys {
        let (kid, secret) = qr_event_server::keys::session_secret(&self.storage, &self.master())
            .await
            .unwrap();
        qr_event_server::access_token_keys(&kid, &secret)
    }

    fn master(&self) -> qr_event_auth::MasterKey {
        let bytes: [u8; 32] = base64::engine::general_purpose::STANDARD
            .decode(MASTER_KEY)
            .unwrap()
            .try_into()
            .unwrap();
        qr_event_auth::MasterKey::from_bytes(bytes)
    }

    /// Rotates the QR signing key as `qr-event keys rotate` does; returns
    /// the previous signing key id.
    pub async fn rotate_qr_key(&self) -> String {
        let before = self.storage.keys.list("qr").await.unwrap();
        let old = before
            .iter()
            .find(|k| k.status == "active")
            .unwrap()
            .kid
            .clone();
        qr_event_server::keys::rotate_qr_key(&self.storage, &self.master())
            .await
            .unwrap();
        old
    }

    /// Rotates the session secret as `qr-event keys rotate-session` does;
    /// returns (previous kid, new kid).
    pub async fn rotate_session_key(&self) -> (String, String) {
        let old = qr_event_server::keys::session_secret(&self.storage, &self.master())
            .await
            .unwrap()
            .0;
        let new = qr_event_server::keys::rotate_session_key(&self.storage, &self.master())
            .await
            .unwrap();
        (old, new)
    }

    /// Retires a session key as `qr-event keys retire-session` does.
    pub async fn retire_session_key(&self, kid: &str) {
        assert!(self.storage.keys.retire("session", kid).await.unwrap());
    }

    /// Retires a QR key as `qr-event keys retire` does.
    pub async fn retire_qr_key(&self, kid: &str) {
        assert!(self.storage.keys.retire("qr", kid).await.unwrap());
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some(name) = self.database.take() {
            if let Ok(admin) = sqlx::PgPool::connect(&admin_url()).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            }
        }
    }
}

/// A response, read fully.
#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Res {
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    /// Asserts the RFC 9457 shape and the code.
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "status of {:?}", self.body);
        assert_eq!(
            self.headers["content-type"], "application/problem+json",
            "content type for {code}"
        );
        let b = &self.body;
        assert_eq!(b["status"], status, "{b}");
        assert_eq!(b["code"], code, "{b}");
        assert!(
            b["type"]
                .as_str()
                .is_some_and(|t| t.starts_with("https://")),
            "{b}"
        );
        assert!(b["title"].as_str().is_some_and(|t| !t.is_empty()), "{b}");
        assert!(b["detail"].as_str().is_some_and(|t| !t.is_empty()), "{b}");
        let rid = b["request_id"].as_str().expect("request_id");
        assert_eq!(self.headers["x-request-id"], rid);
    }
}

/// A browser-like client: a cookie jar and the CSRF header on unsafe requests.
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: Mutex<HashMap<String, String>>,
    pub csrf: Mutex<Option<String>>,
}

impl Client {
    pub fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar.lock().unwrap().insert(name.into(), value.into());
    }

    fn store(&self, res: &reqwest::Response) {
        let mut jar = self.jar.lock().unwrap();
        for value in res.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// Sends a request; `csrf` adds the X-CSRF-Token header from the last
    /// session answer.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Res {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{}", self.base, path));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies);
        }
        let unsafe_method = !matches!(method, Method::GET | Method::HEAD);
        if unsafe_method
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("x-csrf-token"))
        {
            if let Some(token) = self.csrf.lock().unwrap().clone() {
                req = req.header("x-csrf-token", token);
            }
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let res = req.send().await.expect("request sent");
        self.store(&res);
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        if let Some(token) = body.get("csrf_token").and_then(Value::as_str) {
            *self.csrf.lock().unwrap() = Some(token.to_owned());
        }
        Res {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Res {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Res {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    pub async fn post_empty(&self, path: &str) -> Res {
        self.send(Method::POST, path, None, &[]).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Res {
        self.send(Method::PATCH, path, Some(body), &[]).await
    }

    pub async fn delete(&self, path: &str) -> Res {
        self.send(Method::DELETE, path, None, &[]).await
    }

    pub async fn register(&self, email: &str, name: &str, password: &str) -> Res {
        self.post(
            "/api/v1/auth/register",
            json!({"email": email, "name": name, "password": password}),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Res {
        self.post(
            "/api/v1/auth/login",
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// Creates an event starting `days` from now and returns its id.
    /// Invites `email` to `role` on `event` and has `member` (signed in)
    /// accept the link; returns the member's account id.
    pub async fn add_member(
        &self,
        event: &str,
        member: &Client,
        email: &str,
        role: &str,
    ) -> String {
        let res = self
            .post(
                &format!("/api/v1/events/{event}/members"),
                serde_json::json!({"email": email, "role": role}),
            )
            .await;
        assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
        let res = member
            .post(
                "/api/v1/invitations/accept",
                serde_json::json!({"token": res.body["token"]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let me = member.get("/api/v1/auth/me").await;
        me.body["user"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn create_event(&self, name: &str, days: i64) -> String {
        let start = chrono::Utc::now() + chrono::Duration::days(days);
        let res = self
            .post(
                "/api/v1/events",
                json!({
                    "name": name,
                    "starts_at": start.to_rfc3339(),
                    "ends_at": (start + chrono::Duration::hours(4)).to_rfc3339(),
                    "venue": "Main hall",
                    "timezone": "Europe/Paris",
                }),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        res.body["id"].as_str().unwrap().to_owned()
    }
}

/// The same signed-in client (cookies, CSRF token), talking to another
/// instance.
pub fn on(base: &str, client: &Client) -> Client {
    Client {
        base: base.to_owned(),
        http: client.http.clone(),
        jar: Mutex::new(client.jar.lock().unwrap().clone()),
        csrf: Mutex::new(client.csrf.lock().unwrap().clone()),
    }
}

/// A `qr-event serve` process (the real binary), stopped on drop.
pub struct ServerProcess {
    child: std::process::Child,
    pub base: String,
}

impl ServerProcess {
    pub fn start(app: &TestApp, extra: &[&str]) -> Self {
        use std::io::BufRead;
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qr-event"));
        command
            .arg("serve")
            .args(app.storage_args())
            .args([
                "--bind",
                "127.0.0.1:0",
                "--master-key",
                MASTER_KEY,
                "--log-level",
                "warn",
            ])
            .args(extra)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        let mut child = command.spawn().expect("qr-event starts");
        let stdout = child.stdout.take().unwrap();
        let mut reader = std::io::BufReader::new(stdout);
        let mut line = String::new();
        while !line.contains("running at ") {
            line.clear();
            assert!(
                reader.read_line(&mut line).unwrap() > 0,
                "qr-event exited before listening"
            );
        }
        // Keep draining the logs so the process never blocks on a full pipe.
        let log = std::env::var_os("QR_EVENT_TEST_SERVER_LOG");
        std::thread::spawn(move || {
            let mut sink: Box<dyn std::io::Write + Send> = match log {
                Some(path) => Box::new(
                    std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(path)
                        .unwrap(),
                ),
                None => Box::new(std::io::sink()),
            };
            let _ = std::io::copy(&mut reader, &mut sink);
        });
        let base = line
            .split("running at ")
            .nth(1)
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .trim()
            .trim_end_matches('/')
            .to_owned();
        Self { child, base }
    }
}

impl ServerProcess {
    /// Asks the process to stop (SIGTERM, as a service manager does) and
    /// waits until it has.
    pub fn terminate(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }

    /// Kills the process outright (SIGKILL, a crash) and reaps it.
    pub fn crash(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `qr-event` with arguments; returns (success, stdout).
pub fn run_cli(args: &[String]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qr-event"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .expect("qr-event runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}
