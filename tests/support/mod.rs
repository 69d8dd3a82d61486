//! Shared helpers for integration tests: run the real binary against a temporary library, and
//! write real files (PDF, DOCX, HTML, Markdown) with Vietnamese text.
#![allow(dead_code)]

pub mod corpus;
pub mod fixtures;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A temporary library + index, driven through the `vankien` binary.
pub struct TestArchive {
    pub dir: tempfile::TempDir,
}

impl TestArchive {
    pub fn new() -> TestArchive {
        TestArchive {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn library(&self) -> PathBuf {
        self.dir.path().join("library")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// A folder for input files.
    pub fn inbox(&self) -> PathBuf {
        let p = self.dir.path().join("inbox");
        std::fs::create_dir_all(&p).expect("inbox");
        p
    }

    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vankien"));
        c.env("VANKIEN_LIBRARY", self.library())
            .env("VANKIEN_INDEX", self.index())
            .env_remove("RUST_LOG");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("vankien runs")
    }

    /// Run and require success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "vankien {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// `ingest --json` outcome lines (page events of scans left out).
    pub fn ingest(&self, paths: &[&Path]) -> Vec<Value> {
        let mut args = vec!["ingest".to_string(), "--json".to_string()];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.ok(&args)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
            .filter(|v| v["event"] != "page")
            .collect()
    }

    pub fn search(&self, query: &str) -> Value {
        serde_json::from_str(&self.ok(&["search", query, "--json", "--limit", "50"]))
            .expect("search JSON")
    }

    pub fn show(&self, id: &str) -> Value {
        serde_json::from_str(&self.ok(&["show", id, "--json"])).expect("show JSON")
    }
}

/// The numbers of the hits, in order.
pub fn hit_numbers(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["number"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The shipped sample library folder.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("library/samples")
}

/// Run the real epubcheck; fails the test with its report.
pub fn assert_valid_epub(path: &Path) {
    if let Err(report) = vankien::export::epubcheck(path) {
        panic!("epubcheck rejected {}:\n{report}", path.display());
    }
}

/// A Party document in the printed layout, for tests that need specific numbers and citations.
pub fn party_document(
    issuer_lines: &str,
    number: &str,
    place_date: &str,
    heading: &str,
    subject: &str,
    body: &str,
) -> String {
    format!(
        "ĐẢNG CỘNG SẢN VIỆT NAM\n{issuer_lines}\n*\nSố {number}\n{place_date}\n\n{heading}\n{subject}\n-----\n\n{body}\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n"
    )
}

/// One request to a router, in process: status, content type and body.
pub async fn get(app: &axum::Router, uri: &str) -> (axum::http::StatusCode, String, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = app
        .clone()
        .oneshot(
            axum::http::Request::get(uri)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body.to_vec())
}

/// Run a tool, feeding `input`, and return its stdout.
pub fn tool(program: &str, args: &[&str], input: Option<&[u8]>) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs (scripts/setup.sh installs it): {e}"));
    let out = std::thread::scope(|scope| {
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            // Written while the output is read, or a full pipe stops both sides.
            scope.spawn(move || {
                use std::io::Write;
                stdin.write_all(input).unwrap();
            });
        }
        child.wait_with_output().unwrap()
    });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
