//! A real SMTP server process (aiosmtpd) writing what it receives to a
//! maildir, for tests that check what was sent.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// A real SMTP server process writing what it receives to a maildir.
pub struct SmtpSink {
    child: std::process::Child,
    pub port: u16,
    dir: PathBuf,
}

impl SmtpSink {
    /// The server flags that send mail here: the SMTP URL, a sender, and
    /// the public URL links in messages need.
    pub fn flags(&self) -> Vec<String> {
        [
            "--smtp-url",
            &format!("smtp://127.0.0.1:{}", self.port),
            "--mail-from",
            "QR Event <tickets@example.org>",
            "--public-url",
            "https://tickets.example.org",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    /// `None` when aiosmtpd is not installed (and this is not CI).
    pub fn start() -> Option<Self> {
        let python =
            std::env::var("QR_EVENT_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let available = std::process::Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !available {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true but aiosmtpd is not installed (apt install python3-aiosmtpd)"
            );
            eprintln!("aiosmtpd not installed; skipping");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!("qre-mail-{}", uuid::Uuid::new_v4().simple()));
        let child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let sink = Self { child, port, dir };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(sink);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start listening");
    }

    pub fn messages(dir: &Path) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(dir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }

    /// Waits for a message to `to` and returns it (raw, headers and body).
    pub async fn wait_for(&self, to: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = Self::messages(&self.dir)
                .into_iter()
                .find(|m| m.contains(&format!("To: {to}")))
            {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no message to {to} arrived");
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl SmtpSink {
    /// Every message received so far (raw).
    pub fn received(&self) -> Vec<String> {
        Self::messages(&self.dir)
    }

    /// Waits until `count` messages arrived (or `timeout` passed) and
    /// returns them all.
    pub async fn wait_count(&self, count: usize, timeout: Duration) -> Vec<String> {
        let until = std::time::Instant::now() + timeout;
        loop {
            let all = self.received();
            if all.len() >= count || std::time::Instant::now() > until {
                return all;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
