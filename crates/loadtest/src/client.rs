//! A browser-like session against the local server: cookies kept by hand
//! (reqwest's store never sends `Secure` cookies over plain http), the CSRF
//! token echoed in `X-CSRF-Token` on every POST.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, SET_COOKIE};
use reqwest::{StatusCode, Url};
use serde_json::Value;

/// Refuses anything but plain http on the loopback names: the tool must
/// never load a machine other than this one.
pub fn local_target(url: &str) -> anyhow::Result<Url> {
    let parsed = Url::parse(url).with_context(|| format!("invalid --url {url:?}"))?;
    if parsed.scheme() != "http" {
        bail!("--url must be http:// (got {})", parsed.scheme());
    }
    match parsed.host_str() {
        Some("127.0.0.1" | "localhost") => {}
        other => bail!(
            "refusing target host {:?}: only 127.0.0.1 or localhost",
            other.unwrap_or("")
        ),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        bail!("--url must not carry credentials");
    }
    Ok(parsed)
}

/// An answer: status, body and the time it took.
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
    pub elapsed: Duration,
}

impl Answer {
    /// The body as JSON, or an error naming the status.
    pub fn json(&self) -> anyhow::Result<Value> {
        serde_json::from_slice(&self.body).with_context(|| {
            format!(
                "status {}: body is not JSON: {}",
                self.status,
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    /// Fails unless the status is `want`, quoting the problem body.
    pub fn expect(self, want: StatusCode, what: &str) -> anyhow::Result<Self> {
        if self.status != want {
            bail!(
                "{what}: expected {want}, got {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            );
        }
        Ok(self)
    }
}

struct Session {
    cookies: Vec<(String, String)>,
    csrf: String,
    refreshed_at: Instant,
}

/// One signed-in user talking to one local server.
pub struct Client {
    http: reqwest::Client,
    base: Url,
    session: Mutex<Session>,
    refreshing: tokio::sync::Mutex<()>,
}

impl Client {
    /// A client for `base`, which must have passed [`local_target`].
    pub fn new(base: Url, pool: usize) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // HTTP_PROXY and friends must not route the load anywhere else,
            // and a redirect must not lead it off this machine.
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(pool)
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        Ok(Self {
            http,
            base,
            session: Mutex::new(Session {
                cookies: Vec::new(),
                csrf: String::new(),
                refreshed_at: Instant::now(),
            }),
            refreshing: tokio::sync::Mutex::new(()),
        })
    }

    fn url(&self, path: &str) -> anyhow::Result<Url> {
        Ok(self.base.join(path)?)
    }

    fn credentials(&self) -> (String, String) {
        let s = self.session.lock().expect("session lock");
        let cookie = s
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        (cookie, s.csrf.clone())
    }

    fn absorb(&self, headers: &HeaderMap) {
        let mut s = self.session.lock().expect("session lock");
        for value in headers.get_all(SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';');
            let Some((name, val)) = parts.next().and_then(|p| p.trim().split_once('=')) else {
                continue;
            };
            let cleared =
                val.is_empty() || parts.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            s.cookies.retain(|(k, _)| k != name);
            if !cleared {
                s.cookies.push((name.to_owned(), val.to_owned()));
            }
        }
    }

    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        timeout: Duration,
    ) -> anyhow::Result<Answer> {
        let (cookie, csrf) = self.credentials();
        let mut req = req.timeout(timeout);
        if !cookie.is_empty() {
            req = req.header(COOKIE, cookie);
        }
        if !csrf.is_empty() {
            req = req.header("x-csrf-token", csrf);
        }
        let started = Instant::now();
        let resp = req.send().await?;
        let status = resp.status();
        self.absorb(resp.headers());
        let body = resp.bytes().await?.to_vec();
        Ok(Answer {
            status,
            body,
            elapsed: started.elapsed(),
        })
    }

    /// POST with a JSON body (cookies and CSRF header attached).
    pub async fn post(
        &self,
        path: &str,
        body: &Value,
        timeout: Duration,
    ) -> anyhow::Result<Answer> {
        let req = self
            .http
            .post(self.url(path)?)
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(body)?);
        self.send(req, timeout).await
    }

    /// GET with the session cookies.
    pub async fn get(&self, path: &str, timeout: Duration) -> anyhow::Result<Answer> {
        let req = self.http.get(self.url(path)?);
        self.send(req, timeout).await
    }

    /// Opens a long GET (a server-sent event stream) with the session
    /// cookies on its own connection; the caller checks the status and
    /// reads the body.
    pub async fn open_stream(&self, path: &str) -> anyhow::Result<reqwest::Response> {
        let (cookie, _) = self.credentials();
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        Ok(http
            .get(self.url(path)?)
            .header(COOKIE, cookie)
            .send()
            .await?)
    }

    /// Signs in as `email` outside this client's session: no cookie or
    /// CSRF header is sent and the answer's cookies are dropped, so the
    /// load's own session stays as it is.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        timeout: Duration,
    ) -> anyhow::Result<Answer> {
        let body = serde_json::json!({ "email": email, "password": password });
        let started = Instant::now();
        let resp = self
            .http
            .post(self.url("/api/v1/auth/login")?)
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&body)?)
            .timeout(timeout)
            .send()
            .await?;
        let status = resp.status();
        let body = resp.bytes().await?.to_vec();
        Ok(Answer {
            status,
            body,
            elapsed: started.elapsed(),
        })
    }

    /// GET accepting gzip: the body is returned as sent on the wire.
    pub async fn get_gzip(&self, path: &str, timeout: Duration) -> anyhow::Result<Answer> {
        let req = self
            .http
            .get(self.url(path)?)
            .header(reqwest::header::ACCEPT_ENCODING, "gzip");
        self.send(req, timeout).await
    }

    fn take_csrf(&self, answer: &Answer) -> anyhow::Result<()> {
        let csrf = answer.json()?["csrf_token"]
            .as_str()
            .context("no csrf_token in the session answer")?
            .to_owned();
        let mut s = self.session.lock().expect("session lock");
        s.csrf = csrf;
        s.refreshed_at = Instant::now();
        Ok(())
    }

    /// Registers a fresh account and keeps its session.
    pub async fn register(&self, email: &str, password: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({ "email": email, "name": "Load test", "password": password });
        let answer = self
            .post("/api/v1/auth/register", &body, Duration::from_secs(30))
            .await?
            .expect(StatusCode::CREATED, "register")?;
        self.take_csrf(&answer)
    }

    /// Enrols this client as a door device with the enrolment token of a
    /// device created by an organiser: it then holds the device's cookies
    /// and CSRF token, as a phone does after opening its link.
    pub async fn enrol(&self, token: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({ "token": token });
        let answer = self
            .post("/api/v1/devices/enrol", &body, Duration::from_secs(30))
            .await?
            .expect(StatusCode::OK, "enrol device")?;
        self.take_csrf(&answer)
    }

    /// Rotates the session when it is older than `max_age` (access tokens
    /// live 10 minutes by default). One refresh at a time: a refresh token
    /// spent twice revokes the whole session.
    pub async fn keep_fresh(&self, max_age: Duration) -> anyhow::Result<()> {
        let _guard = self.refreshing.lock().await;
        let age = self
            .session
            .lock()
            .expect("session lock")
            .refreshed_at
            .elapsed();
        if age < max_age {
            return Ok(());
        }
        let answer = self
            .post(
                "/api/v1/auth/refresh",
                &Value::Null,
                Duration::from_secs(30),
            )
            .await?
            .expect(StatusCode::OK, "refresh")?;
        self.take_csrf(&answer)
    }
}
