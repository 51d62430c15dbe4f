//! Embeds the built web UI (`web/dist`, with the `.br` and `.gz` files the
//! Vite build writes beside each text file) into the binary, so that
//! `qr-event serve` copied alone to another machine serves the whole app.
//! Without a build (`web/dist/index.html` absent) nothing is embedded and
//! the server looks for the UI on disk at run time.

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::{env, fs};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = manifest.join("../../web/dist");
    println!("cargo:rerun-if-env-changed=QR_EVENT_EMBED_WEB");
    // Watching a missing path would rerun this script (and rebuild the
    // crate) on every build; without a UI build, package.json stands in.
    if dist.join("index.html").is_file() {
        println!("cargo:rerun-if-changed={}", dist.display());
    } else {
        println!(
            "cargo:rerun-if-changed={}",
            manifest.join("../../web/package.json").display()
        );
    }
    let embed = env::var("QR_EVENT_EMBED_WEB").map_or(true, |v| v != "0");
    let mut code = String::from("&[\n");
    if embed && dist.join("index.html").is_file() {
        let mut all = Vec::new();
        files(&dist, &mut all);
        all.sort();
        for path in &all {
            let name = path.to_string_lossy();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let bytes = fs::read(path).expect("readable web/dist file");
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            let url = format!(
                "/{}",
                path.strip_prefix(&dist)
                    .expect("under dist")
                    .to_string_lossy()
                    .replace('\\', "/")
            );
            let variant = |ext: &str| {
                let sibling = PathBuf::from(format!("{name}.{ext}"));
                if sibling.is_file() {
                    format!("Some(include_bytes!({:?}))", sibling.display().to_string())
                } else {
                    "None".to_owned()
                }
            };
            let _ = writeln!(
                code,
                "    ::qr_event_http::EmbeddedFile {{ path: {url:?}, etag: \"\\\"{:016x}\\\"\", raw: include_bytes!({:?}), br: {}, gzip: {} }},",
                hasher.finish(),
                path.display().to_string(),
                variant("br"),
                variant("gz"),
            );
        }
    }
    code.push(']');
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("web_ui.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
