//! Ingest through the web on the real server: uploads (the form and `POST /api/ingest`), jobs
//! with their progress, roles and CSRF, the size limit, hostile names and contents, and the
//! watched inbox.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::fixtures;
use support::server::{add_user, Server};
use support::TestArchive;

const BOUNDARY: &str = "----vankien-test-boundary";

/// A multipart body: text fields, then files as (field, file name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    for (field, file, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

/// POST a multipart body; status and JSON (or the body as a JSON string).
fn post(
    server: &Server,
    path: &str,
    cookie: &str,
    csrf: Option<&str>,
    body: &[u8],
) -> (u16, Value) {
    let mut request = server
        .agent
        .post(&format!("{}{path}", server.base))
        .set("Cookie", cookie)
        .set(
            "Content-Type",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(token) = csrf {
        request = request.set("X-CSRF-Token", token);
    }
    let response = match request.send_bytes(body) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{path}: {e}"),
    };
    let status = response.status();
    let text = response.into_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Log in; the session cookie and its CSRF token (read from the account page).
fn session(server: &Server, name: &str, password: &str) -> (String, String) {
    let (status, cookies, _) = server.login(name, password, &[]);
    assert_eq!(status, 303);
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with("vankien_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let (_, page) = server.get("/login", &cookie);
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    (cookie, csrf)
}

fn wait_for_job(server: &Server, cookie: &str, id: &str) -> Value {
    let started = Instant::now();
    loop {
        let (status, body) = server.get(&format!("/api/jobs/{id}"), cookie);
        assert_eq!(status, 200, "{body}");
        let job: Value = serde_json::from_str(&body).unwrap();
        if job["state"] == "done" || job["state"] == "failed" {
            return job;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "job never finished: {job}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn directive_pdf() -> Vec<u8> {
    let text = support::party_document(
        "TỈNH ỦY HÀ GIANG",
        "88-CT/TU",
        "Hà Giang, ngày 02 tháng 3 năm 2025",
        "CHỈ THỊ",
        "về tăng cường công tác tuyên truyền trên không gian mạng",
        "Các cấp ủy đảng tăng cường công tác tuyên truyền trên không gian mạng.",
    );
    fixtures::pdf_bytes("Chỉ thị 88", &text)
}

#[test]
fn editors_upload_files_and_watch_the_job() {
    let test = TestArchive::new();
    add_user(&test, "bientap", "editor", "internal", "mật khẩu biên tập");
    add_user(&test, "docgia", "reader", "mat", "mật khẩu người đọc");
    let server = Server::start(&test);

    // Anonymous: the page sends to login, the API answers 401.
    let (status, _) = server.get("/admin", "");
    assert_eq!(status, 303);
    let body = multipart(&[], &[("files", "a.txt", "Văn bản".as_bytes().to_vec())]);
    assert_eq!(post(&server, "/api/ingest", "", None, &body).0, 401);
    // A reader may read, not ingest.
    let (reader, reader_csrf) = session(&server, "docgia", "mật khẩu người đọc");
    assert_eq!(server.get("/admin", &reader).0, 403);
    assert_eq!(
        post(&server, "/api/ingest", &reader, Some(&reader_csrf), &body).0,
        403
    );

    let (cookie, csrf) = session(&server, "bientap", "mật khẩu biên tập");
    let (status, page) = server.get("/admin", &cookie);
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("multiple"));
    // Without the form's token nothing is stored.
    assert_eq!(
        post(&server, "/api/ingest", &cookie, Some("sai"), &body).0,
        403
    );
    assert_eq!(test.ok(&["list", "--json"]).lines().count(), 0);

    let pdf = directive_pdf();
    let program = std::fs::read(env!("CARGO_BIN_EXE_vankien")).unwrap()[..200_000].to_vec();
    let files = [
        ("files", "Chỉ thị 88.pdf", pdf.clone()),
        ("files", "chuong-trinh.pdf", program),
        (
            "files",
            "../../../tmp/ra-ngoai.txt",
            "Thông báo về lịch học tập nghị quyết của chi bộ."
                .as_bytes()
                .to_vec(),
        ),
        ("files", "rong.docx", Vec::new()),
        ("files", "bom.docx", fixtures::docx_bomb()),
        ("files", "anh-lon.png", fixtures::png_claiming(40000, 40000)),
    ];
    let (status, accepted) = post(
        &server,
        "/api/ingest",
        &cookie,
        Some(&csrf),
        &multipart(&[("kind", "document")], &files),
    );
    assert_eq!(status, 202, "{accepted}");
    let job = wait_for_job(&server, &cookie, accepted["job"].as_str().unwrap());
    let files = job["files"].as_array().unwrap();
    let statuses: Vec<&str> = files
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["added", "failed", "added", "failed", "failed", "failed"],
        "{job}"
    );
    assert!(
        files[4]["error"].as_str().unwrap().contains("giải nén"),
        "{job}"
    );
    assert!(
        files[5]["error"].as_str().unwrap().contains("40000×40000"),
        "{job}"
    );
    assert!(
        files[1]["error"].as_str().unwrap().contains("nhị phân"),
        "{job}"
    );
    assert!(!files[3]["error"].as_str().unwrap().is_empty());
    assert_eq!(
        files[2]["name"], "../../../tmp/ra-ngoai.txt",
        "the name as given is shown"
    );
    let listed = test.ok(&["list", "--json"]);
    assert!(listed.contains("88-CT/TU"));
    let stored: Vec<Value> = listed
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        stored.iter().any(|d| d["source"] == "ra-ngoai.txt"),
        "{listed}"
    );
    assert!(!std::path::Path::new("/tmp/ra-ngoai.txt").exists());
    let (status, page) = server.get(
        &format!("/admin/jobs/{}", accepted["job"].as_str().unwrap()),
        &cookie,
    );
    assert_eq!(status, 200);
    assert!(page.contains("đã thêm") && page.contains("lỗi"));
    // The same file again is recognised as already stored.
    let again = multipart(&[("csrf", &csrf)], &[("files", "ban-sao.pdf", pdf)]);
    let (_, accepted) = post(&server, "/api/ingest", &cookie, None, &again);
    let job = wait_for_job(&server, &cookie, accepted["job"].as_str().unwrap());
    assert_eq!(job["files"][0]["status"], "duplicate");
    test.ok(&["verify"]);
}

#[test]
fn an_upload_over_the_limit_is_refused_whole() {
    let test = TestArchive::new();
    add_user(&test, "bientap", "editor", "public", "mật khẩu biên tập");
    let server = Server::start_with(&test, &[("VANKIEN_MAX_UPLOAD_MB", "1")]);
    let (cookie, csrf) = session(&server, "bientap", "mật khẩu biên tập");
    let small = (
        "files",
        "nho.txt",
        "Báo cáo ngắn của chi bộ.".as_bytes().to_vec(),
    );
    let big = ("files", "lon.txt", vec![b'a'; 3 << 20]);
    let (status, answer) = post(
        &server,
        "/api/ingest",
        &cookie,
        Some(&csrf),
        &multipart(&[], &[small, big]),
    );
    assert_eq!(status, 413, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("1 MB"));
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        test.ok(&["list", "--json"]).lines().count(),
        0,
        "nothing of it is ingested"
    );
    let jobs = test.library().join("jobs");
    assert_eq!(
        std::fs::read_dir(jobs).unwrap().count(),
        0,
        "its files are gone"
    );
    assert_eq!(
        server.get("/healthz", "").0,
        200,
        "the server keeps serving"
    );
}

#[test]
fn files_dropped_in_the_inbox_are_ingested_once_settled() {
    let test = TestArchive::new();
    add_user(&test, "bientap", "editor", "public", "mật khẩu biên tập");
    let server = Server::start(&test);
    let inbox = test.library().join("inbox");
    std::fs::create_dir_all(inbox.join("books")).unwrap();
    std::fs::write(inbox.join("chi-thi-88.pdf"), directive_pdf()).unwrap();
    std::fs::write(inbox.join(".dang-chep.pdf"), b"hidden").unwrap();
    let started = Instant::now();
    while test.ok(&["list", "--json"]).lines().count() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the inbox was never read"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(
        !inbox.join("chi-thi-88.pdf").exists(),
        "taken out of the inbox"
    );
    assert!(inbox.join(".dang-chep.pdf").exists(), "hidden files wait");
    let (cookie, _) = session(&server, "bientap", "mật khẩu biên tập");
    let (_, page) = server.get("/admin", &cookie);
    assert!(page.contains("inbox"), "the job is listed with its owner");
}

#[test]
fn editors_correct_delete_and_restore_with_an_audit_trail() {
    let test = TestArchive::new();
    let inbox = test.inbox();
    std::fs::write(
        inbox.join("thong-bao.txt"),
        "Thông báo về lịch sinh hoạt chi bộ tháng 12 của các chi bộ trực thuộc Đảng ủy khối.",
    )
    .unwrap();
    let id = test.ingest(&[&inbox])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    add_user(&test, "bientap", "editor", "internal", "mật khẩu biên tập");
    add_user(&test, "docgia", "reader", "internal", "mật khẩu người đọc");
    let server = Server::start(&test);
    let (reader, _) = session(&server, "docgia", "mật khẩu người đọc");
    assert_eq!(server.get("/admin/review", &reader).0, 403);
    let (cookie, csrf) = session(&server, "bientap", "mật khẩu biên tập");
    let (status, queue) = server.get("/admin/review", &cookie);
    assert_eq!(status, 200);
    assert!(queue.contains(&format!("/admin/documents/{id}/edit")) && queue.contains("thiếu số"));

    let edit = format!("/admin/documents/{id}/edit");
    let fields = |token: &str, number: &str| {
        vec![
            ("csrf", token.to_string()),
            ("number", number.to_string()),
            ("doc_type", "Thông báo".to_string()),
            ("issuer", "Đảng ủy Khối cơ quan tỉnh".to_string()),
            ("issued", "02/12/2026".to_string()),
            ("title", "Về lịch sinh hoạt chi bộ tháng 12".to_string()),
            ("classification", "internal".to_string()),
        ]
    };
    let send = |form: Vec<(&str, String)>| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        server.post(&edit, &cookie, &form, &[])
    };
    assert_eq!(
        send(fields("sai", "12-TB/ĐUK")).0,
        400,
        "a wrong token saves nothing"
    );
    let (status, _, page) = send(fields(&csrf, "không phải số"));
    assert_eq!(status, 400);
    assert!(page.contains("không đọc được"), "the field's error is said");
    let (status, _, _) = send(fields(&csrf, "12-TB/ĐUK"));
    assert_eq!(status, 303);

    let shown = test.show(&id);
    assert_eq!(shown["number"], "12-TB/ĐUK");
    assert_eq!(shown["title"], "Về lịch sinh hoạt chi bộ tháng 12");
    assert_eq!(shown["classification"], "internal");
    let (_, found) = server.get("/api/search?q=12-TB/DUK", &cookie);
    assert!(
        found.contains(&id),
        "found by its new number at once: {found}"
    );
    let (_, hidden) = server.get("/api/search?q=12-TB/DUK", "");
    assert!(
        !hidden.contains(&id),
        "now internal: hidden from anonymous readers"
    );
    let (_, page) = server.get(&edit, &cookie);
    assert!(page.contains("bientap") && page.contains("sửa") && page.contains("12-TB/ĐUK"));
    let (_, queue) = server.get("/admin/review", &cookie);
    assert!(!queue.contains(&edit), "reviewed documents leave the queue");

    let delete = format!("/admin/documents/{id}/delete");
    let (status, _, _) = server.post(
        &delete,
        &cookie,
        &[("csrf", &csrf), ("reason", "nhầm tệp")],
        &[],
    );
    assert_eq!(status, 303);
    assert_eq!(server.get(&format!("/documents/{id}"), &cookie).0, 404);
    let (_, trash) = server.get("/admin/trash", &cookie);
    assert!(trash.contains("nhầm tệp"));
    test.ok(&["verify"]);
    let (status, _, _) = server.post(
        &format!("/admin/trash/{id}/restore"),
        &cookie,
        &[("csrf", &csrf)],
        &[],
    );
    assert_eq!(status, 303);
    assert_eq!(server.get(&format!("/documents/{id}"), &cookie).0, 200);
    assert_eq!(test.show(&id)["number"], "12-TB/ĐUK", "restored as it was");
    test.ok(&["verify"]);

    // A new version of the file replaces it; the earlier one is kept in the trash.
    let newer =
        "Thông báo về lịch sinh hoạt chi bộ tháng 12 (bản sửa đổi, bổ sung ngày sinh hoạt).";
    let body = multipart(
        &[("csrf", &csrf)],
        &[("files", "thong-bao-sua.txt", newer.as_bytes().to_vec())],
    );
    let (status, _) = post(
        &server,
        &format!("/admin/documents/{id}/replace"),
        &cookie,
        None,
        &body,
    );
    assert_eq!(status, 303);
    let started = Instant::now();
    let new_id = loop {
        let listed = test.ok(&["list", "--json"]);
        let found = listed
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|d| d["source"] == "thong-bao-sua.txt");
        if let (Some(doc), false) = (found, listed.contains(&id)) {
            break doc["id"].as_str().unwrap().to_string();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never replaced: {listed}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let (_, trash) = server.get("/admin/trash", &cookie);
    assert!(
        trash.contains(&format!("thay bằng phiên bản mới {new_id}")),
        "{trash}"
    );
    let (status, original) = server.get(&format!("/admin/trash/{id}/original"), &cookie);
    assert_eq!(
        (status, original.contains("tháng 12 của các chi bộ")),
        (200, true)
    );
    let (_, page) = server.get(&format!("/admin/documents/{new_id}/edit"), &cookie);
    assert!(page.contains("thay cho phiên bản trước") && page.contains(&id));
    let two = multipart(
        &[("csrf", &csrf)],
        &[
            ("files", "a.txt", b"mot".to_vec()),
            ("files", "b.txt", b"hai".to_vec()),
        ],
    );
    assert_eq!(
        post(
            &server,
            &format!("/admin/documents/{new_id}/replace"),
            &cookie,
            None,
            &two
        )
        .0,
        400
    );
    test.ok(&["verify"]);
}

#[test]
fn a_server_killed_mid_job_finishes_the_job_when_started_again() {
    let scan = support::samples_dir().join("books/book-truyen-thong-cach-mang-xa-yen-phu.pdf");
    let test = TestArchive::new();
    add_user(&test, "bientap", "editor", "public", "mật khẩu biên tập");
    let env = [("VANKIEN_OCR_JOBS", "1")];
    let server = Server::start_with(&test, &env);
    let (cookie, csrf) = session(&server, "bientap", "mật khẩu biên tập");
    let body = multipart(
        &[("csrf", &csrf), ("kind", "book")],
        &[("files", "yen-phu.pdf", std::fs::read(&scan).unwrap())],
    );
    let (status, accepted) = post(&server, "/api/ingest", &cookie, None, &body);
    assert_eq!(status, 202, "{accepted}");
    let job = accepted["job"].as_str().unwrap().to_string();
    let started = Instant::now();
    loop {
        let (_, body) = server.get(&format!("/api/jobs/{job}"), &cookie);
        let state: Value = serde_json::from_str(&body).unwrap();
        if state["files"][0]["pages_done"].as_u64().unwrap_or(0) >= 2 {
            break;
        }
        assert!(
            state["state"] != "done",
            "finished before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "{state}");
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(server); // SIGKILL, mid-recognition
    assert_eq!(
        test.ok(&["list", "--json"]).lines().count(),
        0,
        "nothing half-stored"
    );

    let server = Server::start_with(&test, &env);
    let (cookie, _) = session(&server, "bientap", "mật khẩu biên tập");
    let done = wait_for_job(&server, &cookie, &job);
    assert_eq!(done["files"][0]["status"], "added", "{done}");
    let id = done["files"][0]["id"].as_str().unwrap();
    let shown = test.show(id);
    assert_eq!(shown["kind"], "book");
    assert_eq!(shown["page_count"], 10);
    assert_eq!(shown["source"], "yen-phu.pdf");
    test.ok(&["verify"]);
}
