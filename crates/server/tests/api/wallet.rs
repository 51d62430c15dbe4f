//! Wallet passes from the attendee link, with credentials made here by the
//! `openssl` command: the pass carries the ticket's own code and verifies;
//! without credentials, or for a revoked ticket, nothing is offered.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, TestApp};
use crate::on_both_backends;
use crate::smtp::SmtpSink;

on_both_backends!(attendees_add_their_ticket_to_a_wallet);
on_both_backends!(no_credentials_no_wallet_buttons);

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl must be installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A self-signed Pass Type ID certificate (standing in for Apple's chain:
/// it is its own intermediate), its key, and a Google service-account key.
fn credentials() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qre-wallet-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    openssl(&dir, &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "pass.key", "-out", "pass.pem", "-days", "2", "-subj", "/UID=pass.org.example.api/CN=Pass Type ID: pass.org.example.api/OU=TEAMAPI001/O=API Tests"]);
    openssl(
        &dir,
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "google.key",
        ],
    );
    let account = json!({
        "client_email": "passes@example.iam.gserviceaccount.com",
        "private_key": std::fs::read_to_string(dir.join("google.key")).unwrap(),
    });
    std::fs::write(dir.join("google.json"), account.to_string()).unwrap();
    dir
}

async fn attendees_add_their_ticket_to_a_wallet(backend: Backend) {
    let dir = credentials();
    let path = |f: &str| dir.join(f).display().to_string();
    let (cert, key, google) = (path("pass.pem"), path("pass.key"), path("google.json"));
    let mut args = vec![
        "--apple-pass-cert",
        &cert,
        "--apple-pass-key",
        &key,
        "--apple-wwdr-cert",
        &cert,
        "--google-wallet-issuer-id",
        "3388000000000000001",
        "--google-wallet-key",
        &google,
    ];
    // With SMTP too (when aiosmtpd is installed), to see the pass e-mailed;
    // the sink's flags name the public URL.
    let sink = SmtpSink::start();
    let mail = match &sink {
        Some(sink) => sink.flags(),
        None => vec!["--public-url".into(), "https://tickets.example.org".into()],
    };
    args.extend(mail.iter().map(String::as_str));
    let app = TestApp::spawn_with(backend, &args).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let created = owner
        .post(
            &format!("/api/v1/events/{event}/tickets"),
            json!({"holder_name": "Zoë Ørsted", "holder_email": "zoe@example.org", "category": "VIP", "locale": "fr"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let ticket = created.body["id"].as_str().unwrap().to_owned();
    let code = created.body["code"].as_str().unwrap().to_owned();
    let key = created.body["access_key"].as_str().unwrap().to_owned();
    let attendee = app.client();

    let page = attendee.get(&format!("/api/v1/public/tickets/{key}")).await;
    assert_eq!(
        page.body["wallets"],
        json!({"apple": true, "google": true}),
        "{}",
        page.text
    );

    // Apple: a signed archive whose pass carries this ticket's code.
    let res = attendee
        .http
        .get(app.url(&format!("/api/v1/public/tickets/{key}/wallet.pkpass")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.apple.pkpass"
    );
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with(".pkpass\""));
    std::fs::write(dir.join("ticket.pkpass"), res.bytes().await.unwrap()).unwrap();
    let unzip = Command::new("unzip")
        .args(["-q", "ticket.pkpass", "-d", "pass"])
        .current_dir(&dir)
        .status()
        .expect("unzip must be installed");
    assert!(unzip.success());
    let pass: Value =
        serde_json::from_slice(&std::fs::read(dir.join("pass/pass.json")).unwrap()).unwrap();
    assert_eq!(pass["barcodes"][0]["message"], code.as_str());
    assert_eq!(pass["serialNumber"], ticket.as_str());
    assert_eq!(pass["passTypeIdentifier"], "pass.org.example.api");
    assert_eq!(pass["eventTicket"]["primaryFields"][0]["value"], "Gala");
    assert_eq!(
        pass["eventTicket"]["secondaryFields"][0]["label"],
        "Titulaire"
    );
    assert_eq!(
        pass["eventTicket"]["secondaryFields"][0]["value"],
        "Zoë Ørsted"
    );
    openssl(
        &dir.join("pass"),
        &[
            "smime",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "signature",
            "-content",
            "manifest.json",
            "-CAfile",
            "../pass.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
    );

    // Google: a save link whose object carries the same code.
    let link = attendee
        .get(&format!("/api/v1/public/tickets/{key}/google-wallet"))
        .await;
    assert_eq!(link.status, StatusCode::OK, "{}", link.text);
    let url = link.body["url"].as_str().unwrap();
    let jwt = url
        .strip_prefix("https://pay.google.com/gp/v/save/")
        .unwrap();
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["iss"], "passes@example.iam.gserviceaccount.com");
    assert_eq!(claims["origins"][0], "https://tickets.example.org");
    let object = &claims["payload"]["eventTicketObjects"][0];
    assert_eq!(object["barcode"]["value"], code.as_str());
    assert_eq!(object["ticketHolderName"], "Zoë Ørsted");

    // Its e-mail carries the pass beside the PDF.
    if let Some(sink) = &sink {
        let sent = owner
            .post_empty(&format!("/api/v1/events/{event}/tickets/{ticket}/send"))
            .await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.text);
        let message = sink.wait_for("zoe@example.org").await;
        assert!(
            message.contains("Content-Type: application/vnd.apple.pkpass"),
            "{message}"
        );
        assert!(message.contains("billet.pkpass"), "{message}");
        assert!(message.contains("billet.pdf"), "{message}");
        assert!(message.contains("Apple Wallet"), "{message}");
    }

    // A revoked ticket offers no wallet and gets no pass.
    let revoked = owner
        .post(
            &format!("/api/v1/events/{event}/tickets/{ticket}/revoke"),
            json!({}),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    let page = attendee.get(&format!("/api/v1/public/tickets/{key}")).await;
    assert_eq!(
        page.body["wallets"],
        json!({"apple": false, "google": false})
    );
    attendee
        .get(&format!("/api/v1/public/tickets/{key}/wallet.pkpass"))
        .await
        .assert_problem(404, "not_found");
    attendee
        .get(&format!("/api/v1/public/tickets/{key}/google-wallet"))
        .await
        .assert_problem(404, "not_found");
    // An unknown link neither.
    attendee
        .get("/api/v1/public/tickets/not-a-key/wallet.pkpass")
        .await
        .assert_problem(404, "not_found");
    app.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn no_credentials_no_wallet_buttons(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let created = owner
        .post(
            &format!("/api/v1/events/{event}/tickets"),
            json!({"holder_name": "Ada"}),
        )
        .await;
    let key = created.body["access_key"].as_str().unwrap().to_owned();
    let attendee = app.client();
    let page = attendee.get(&format!("/api/v1/public/tickets/{key}")).await;
    assert_eq!(
        page.body["wallets"],
        json!({"apple": false, "google": false})
    );
    for kind in ["wallet.pkpass", "google-wallet"] {
        attendee
            .get(&format!("/api/v1/public/tickets/{key}/{kind}"))
            .await
            .assert_problem(409, "wallet_not_configured");
    }
    app.stop().await;
}
