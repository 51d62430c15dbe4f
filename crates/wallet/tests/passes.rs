//! Wallet passes checked by other tools: the `.pkpass` made with a test
//! certificate chain (made here with the `openssl` command) must verify
//! with `openssl smime -verify`, unzip, and list every file in its
//! manifest with the right SHA-1; the Google save link's JWT must verify
//! with `openssl dgst` against the service account's public key.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{TimeZone, Utc};
use qr_event_wallet::{ApplePasses, GoogleWallet, PassContent, PassLabels, WalletError};
use serde_json::Value;

/// A fresh directory under the system's temporary folder, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "qr-event-wallet-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    fn read(&self, file: &str) -> Vec<u8> {
        std::fs::read(self.path(file)).unwrap()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a command in `dir`; returns whether it succeeded and its output.
fn run(dir: &Path, program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn must(dir: &Path, program: &str, args: &[&str]) {
    let (ok, text) = run(dir, program, args);
    assert!(ok, "{program} {args:?} failed: {text}");
}

/// A root, an intermediate standing for Apple's WWDR certificate, and a
/// Pass Type ID certificate issued by it, with Apple's subject layout.
fn test_chain(dir: &Dir) {
    let d = &dir.0;
    std::fs::write(
        dir.path("ca.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    )
    .unwrap();
    std::fs::write(
        dir.path("leaf.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n",
    )
    .unwrap();
    let key = ["-newkey", "rsa:2048", "-nodes"];
    must(
        d,
        "openssl",
        &[
            &["req", "-x509"],
            &key[..],
            &[
                "-keyout",
                "root.key",
                "-out",
                "root.pem",
                "-days",
                "2",
                "-subj",
                "/CN=Test Wallet Root",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        ]
        .concat(),
    );
    must(
        d,
        "openssl",
        &[
            &["req"],
            &key[..],
            &[
                "-keyout",
                "wwdr.key",
                "-out",
                "wwdr.csr",
                "-subj",
                "/CN=Test Worldwide Developer Relations",
            ],
        ]
        .concat(),
    );
    must(
        d,
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "wwdr.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "wwdr.pem",
            "-days",
            "2",
            "-extfile",
            "ca.ext",
        ],
    );
    must(d, "openssl", &[&["req"], &key[..], &["-utf8", "-keyout", "pass.key", "-out", "pass.csr", "-subj", "/UID=pass.org.example.tickets/CN=Pass Type ID: pass.org.example.tickets/OU=TEAM123456/O=Fête Organisers/C=FR"]].concat());
    must(
        d,
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "pass.csr",
            "-CA",
            "wwdr.pem",
            "-CAkey",
            "wwdr.key",
            "-CAcreateserial",
            "-out",
            "pass.pem",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ],
    );
}

fn content() -> PassContent {
    let at = |d, h| Utc.with_ymd_and_hms(2026, 6, d, h, 0, 0).unwrap();
    PassContent {
        ticket_id: "0193a1f2-7c4e-7d2a-9f00-5b1c2d3e4f50".into(),
        event_id: "0193a1f2-0000-7000-8000-000000000001".into(),
        event_name: "Fête de la Musique — 東京 2026".into(),
        when: "dimanche 21 juin 2026, 20:00 – 23:30 (Asia/Tokyo)".into(),
        starts_at: at(21, 11),
        ends_at: at(21, 14),
        venue: "Yoyogi Park".into(),
        holder: "李小龍 Zoë Ørsted Łukasz محمد".into(),
        category: "VIP ★".into(),
        code: "QE1.TESTCODE.SIGNATURE".into(),
        valid_from: at(21, 9),
        valid_until: at(21, 15),
        language: "fr".into(),
        labels: PassLabels {
            event: "Événement".into(),
            holder: "Titulaire".into(),
            category: "Catégorie".into(),
            when: "Quand".into(),
            venue: "Lieu".into(),
            description: "Billet pour Fête de la Musique — 東京 2026".into(),
        },
    }
}

fn apple(dir: &Dir, key_file: &str) -> Result<ApplePasses, WalletError> {
    ApplePasses::from_pem(
        &dir.read("pass.pem"),
        &dir.read(key_file),
        &dir.read("wwdr.pem"),
        None,
    )
}

#[test]
fn a_pkpass_verifies_with_openssl_and_unzips_to_its_pass() {
    let dir = Dir::new("apple");
    test_chain(&dir);
    let passes = apple(&dir, "pass.key").unwrap();
    assert_eq!(passes.pass_type_id(), "pass.org.example.tickets");
    std::fs::write(
        dir.path("ticket.pkpass"),
        passes.pkpass(&content()).unwrap(),
    )
    .unwrap();

    must(&dir.0, "unzip", &["-t", "ticket.pkpass"]);
    must(&dir.0, "unzip", &["-q", "ticket.pkpass", "-d", "out"]);
    let out = Dir(dir.path("out"));

    // The detached signature of the manifest verifies against the root,
    // through the intermediate it carries.
    let verify = |content: &str| {
        run(
            &out.0,
            "openssl",
            &[
                "smime",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "signature",
                "-content",
                content,
                "-CAfile",
                dir.path("root.pem").to_str().unwrap(),
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
        )
    };
    let (ok, text) = verify("manifest.json");
    assert!(ok, "openssl smime -verify refused the signature: {text}");
    assert!(text.contains("Verification successful"), "{text}");
    // A manifest changed after signing does not.
    let mut forged = out.read("manifest.json");
    forged.extend_from_slice(b" ");
    std::fs::write(out.path("forged.json"), forged).unwrap();
    assert!(
        !verify("forged.json").0,
        "a changed manifest must not verify"
    );

    // The manifest lists every other file with its SHA-1.
    let manifest: serde_json::Map<String, Value> =
        serde_json::from_slice(&out.read("manifest.json")).unwrap();
    let mut names: Vec<_> = manifest.keys().cloned().collect();
    names.sort();
    assert_eq!(
        names,
        [
            "icon.png",
            "icon@2x.png",
            "icon@3x.png",
            "logo.png",
            "logo@2x.png",
            "pass.json"
        ]
    );
    for (name, sha1) in &manifest {
        let (ok, text) = run(&out.0, "openssl", &["dgst", "-sha1", "-r", name]);
        assert!(ok, "{text}");
        assert_eq!(text.split_whitespace().next(), sha1.as_str(), "{name}");
    }

    // pass.json: an event ticket carrying the code, the event, when,
    // where and who, in the ticket's language.
    let pass: Value = serde_json::from_slice(&out.read("pass.json")).unwrap();
    assert_eq!(pass["formatVersion"], 1);
    assert_eq!(pass["passTypeIdentifier"], "pass.org.example.tickets");
    assert_eq!(pass["teamIdentifier"], "TEAM123456");
    assert_eq!(pass["organizationName"], "Fête Organisers");
    assert_eq!(pass["serialNumber"], "0193a1f2-7c4e-7d2a-9f00-5b1c2d3e4f50");
    assert_eq!(pass["barcodes"][0]["format"], "PKBarcodeFormatQR");
    assert_eq!(pass["barcodes"][0]["message"], "QE1.TESTCODE.SIGNATURE");
    assert_eq!(pass["relevantDate"], "2026-06-21T11:00:00+00:00");
    let ticket = &pass["eventTicket"];
    assert_eq!(
        ticket["primaryFields"][0]["value"],
        "Fête de la Musique — 東京 2026"
    );
    assert_eq!(ticket["secondaryFields"][0]["label"], "Titulaire");
    assert_eq!(
        ticket["secondaryFields"][0]["value"],
        "李小龍 Zoë Ørsted Łukasz محمد"
    );
    assert_eq!(ticket["secondaryFields"][1]["value"], "VIP ★");
    assert_eq!(
        ticket["auxiliaryFields"][0]["value"],
        "dimanche 21 juin 2026, 20:00 – 23:30 (Asia/Tokyo)"
    );
    assert_eq!(ticket["auxiliaryFields"][1]["value"], "Yoyogi Park");
    // The images are PNGs.
    for image in ["icon.png", "icon@2x.png", "logo.png"] {
        assert!(out.read(image).starts_with(b"\x89PNG\r\n\x1a\n"), "{image}");
    }
}

#[test]
fn pkcs1_keys_work_and_wrong_credentials_are_refused() {
    let dir = Dir::new("apple-keys");
    test_chain(&dir);
    must(
        &dir.0,
        "openssl",
        &[
            "rsa",
            "-in",
            "pass.key",
            "-traditional",
            "-out",
            "pass-pkcs1.key",
        ],
    );
    assert!(std::fs::read_to_string(dir.path("pass-pkcs1.key"))
        .unwrap()
        .contains("BEGIN RSA PRIVATE KEY"));
    apple(&dir, "pass-pkcs1.key").unwrap();

    // Another certificate's key.
    let err = apple(&dir, "wwdr.key").unwrap_err();
    assert!(
        err.to_string()
            .contains("not the key of the pass certificate"),
        "{err}"
    );
    // A certificate that is not a Pass Type ID certificate.
    let err = ApplePasses::from_pem(
        &dir.read("wwdr.pem"),
        &dir.read("wwdr.key"),
        &dir.read("root.pem"),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("no UID"), "{err}");
    // Not PEM at all.
    let err = ApplePasses::from_pem(b"hello", &dir.read("pass.key"), &dir.read("wwdr.pem"), None)
        .unwrap_err();
    assert!(err.to_string().contains("pass certificate"), "{err}");
    // An encrypted key is named as such rather than misread.
    must(
        &dir.0,
        "openssl",
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "pass.key",
            "-out",
            "pass-enc.key",
            "-passout",
            "pass:secret",
        ],
    );
    assert!(apple(&dir, "pass-enc.key").is_err());
}

#[test]
fn a_google_save_link_carries_a_jwt_signed_by_the_service_account() {
    let dir = Dir::new("google");
    must(
        &dir.0,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "sa.key",
        ],
    );
    must(
        &dir.0,
        "openssl",
        &["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"],
    );
    let key_file = serde_json::json!({
        "type": "service_account",
        "client_email": "wallet@example-project.iam.gserviceaccount.com",
        "private_key_id": "abc123",
        "private_key": String::from_utf8(dir.read("sa.key")).unwrap(),
    });
    let wallet = GoogleWallet::from_service_account(
        "3388000000012345678",
        key_file.to_string().as_bytes(),
        vec!["https://tickets.example.org".into()],
    )
    .unwrap();
    let link = wallet.save_link(&content(), 1_780_000_000).unwrap();
    let jwt = link
        .strip_prefix("https://pay.google.com/gp/v/save/")
        .unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);

    // The signature verifies with the account's public key, and not for
    // other signed bytes.
    std::fs::write(dir.path("sig"), URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
    let verify = |input: String| {
        std::fs::write(dir.path("input"), input).unwrap();
        let args = [
            "dgst",
            "-sha256",
            "-verify",
            "sa.pub",
            "-signature",
            "sig",
            "input",
        ];
        run(&dir.0, "openssl", &args)
    };
    let (ok, text) = verify(format!("{}.{}", parts[0], parts[1]));
    assert!(ok && text.contains("Verified OK"), "{text}");
    assert!(!verify(format!("{}.{}x", parts[0], parts[1])).0);

    let decode = |part: &str| -> Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    };
    let header = decode(parts[0]);
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], "abc123");
    let claims = decode(parts[1]);
    assert_eq!(
        claims["iss"],
        "wallet@example-project.iam.gserviceaccount.com"
    );
    assert_eq!(claims["aud"], "google");
    assert_eq!(claims["typ"], "savetowallet");
    assert_eq!(claims["origins"][0], "https://tickets.example.org");
    let class = &claims["payload"]["eventTicketClasses"][0];
    let object = &claims["payload"]["eventTicketObjects"][0];
    assert_eq!(
        class["id"],
        "3388000000012345678.event-0193a1f2-0000-7000-8000-000000000001"
    );
    assert_eq!(object["classId"], class["id"]);
    assert_eq!(
        object["id"],
        "3388000000012345678.ticket-0193a1f2-7c4e-7d2a-9f00-5b1c2d3e4f50"
    );
    assert_eq!(object["barcode"]["type"], "QR_CODE");
    assert_eq!(object["barcode"]["value"], "QE1.TESTCODE.SIGNATURE");
    assert_eq!(object["ticketHolderName"], "李小龍 Zoë Ørsted Łukasz محمد");
    assert_eq!(
        class["eventName"]["defaultValue"]["value"],
        "Fête de la Musique — 東京 2026"
    );
    assert_eq!(class["eventName"]["defaultValue"]["language"], "fr");
    assert_eq!(
        class["venue"]["name"]["defaultValue"]["value"],
        "Yoyogi Park"
    );
    assert_eq!(class["dateTime"]["start"], "2026-06-21T11:00:00+00:00");

    // Bad settings are named.
    let err = GoogleWallet::from_service_account("issuer", key_file.to_string().as_bytes(), vec![])
        .unwrap_err();
    assert!(err.to_string().contains("issuer id"), "{err}");
    let err = GoogleWallet::from_service_account("338800", b"{}", vec![]).unwrap_err();
    assert!(err.to_string().contains("service-account"), "{err}");
}
