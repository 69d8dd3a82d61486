//! Accounts through the real binary and the real server on loopback: `vankien user …`, login
//! with CSRF and throttling, sessions that widen what a cleared reader sees, logout.

mod support;

use serde_json::Value;
use support::server::{add_user, Server};
use support::{corpus, TestArchive};

fn session_cookie(cookies: &[String]) -> String {
    cookies
        .iter()
        .find(|c| c.starts_with("vankien_session="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("a session cookie")
}

#[test]
fn user_commands_manage_accounts() {
    let test = TestArchive::new();
    add_user(&test, "Can.Bo", "reader", "mat", "một mật khẩu dài");
    let out = test.run(&[
        "user",
        "add",
        "ngan",
        "--role",
        "reader",
        "--clearance",
        "public",
        "--password-stdin",
    ]);
    assert!(!out.status.success(), "an empty password is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("mật khẩu quá ngắn"));
    let listed: Vec<Value> = test
        .ok(&["user", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "can.bo");
    assert_eq!(listed[0]["clearance"], "Mat");
    assert!(listed[0].get("password").is_none(), "never printed");
    test.ok(&["user", "disable", "can.bo"]);
    assert!(test.ok(&["user", "list"]).contains("đã khóa"));
    let missing = test.run(&["user", "disable", "khong-co"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("không có tài khoản"));
}

#[test]
fn login_widens_what_a_cleared_reader_sees_and_logout_narrows_it() {
    let test = TestArchive::new();
    let inbox = test.inbox();
    corpus::write(&inbox);
    let outcomes = test.ingest(&[&inbox]);
    let secret = outcomes
        .iter()
        .find(|o| o["source"].as_str().unwrap().ends_with("bc-45-mat.pdf"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    add_user(&test, "mat", "reader", "mat", "mật khẩu cán bộ mật");
    add_user(&test, "congkhai", "reader", "public", "mật khẩu người đọc");
    let server = Server::start(&test);
    let doc = format!("/documents/{secret}");
    assert_eq!(server.get(&doc, "").0, 404, "anonymous");

    // A form posted without the token its page gave is refused.
    let (status, _, _) = server.post(
        "/login",
        "",
        &[
            ("username", "mat"),
            ("password", "mật khẩu cán bộ mật"),
            ("csrf", "x"),
        ],
        &[],
    );
    assert_eq!(status, 403);

    // A program may log in with the two fields alone; a page of another site may not.
    let fields = [("username", "mat"), ("password", "mật khẩu cán bộ mật")];
    let (status, cookies, _) = server.post("/login", "", &fields, &[]);
    assert_eq!(status, 303);
    let (_, me) = server.get("/api/session", &session_cookie(&cookies));
    let me: Value = serde_json::from_str(&me).unwrap();
    assert_eq!(
        (me["user"].as_str(), me["clearance"].as_str()),
        (Some("mat"), Some("mat"))
    );
    assert_eq!(me["csrf"].as_str().map(str::len), Some(48));
    let forged = [("Origin", "https://evil.example")];
    assert_eq!(server.post("/login", "", &fields, &forged).0, 403);

    let (status, cookies, _) = server.login("mat", "mật khẩu cán bộ mật", &[]);
    assert_eq!(status, 303);
    let session = cookies
        .iter()
        .find(|c| c.starts_with("vankien_session="))
        .unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(attribute), "{session}");
    }
    assert!(!session.contains("Secure"), "plain HTTP on loopback");
    let cookie = session_cookie(&cookies);
    let (status, page) = server.get(&doc, &cookie);
    assert_eq!(status, 200);
    assert!(page.contains("45-BC/TU"));
    let (_, search) = server.get("/api/search?q=quỳnhlâmbiêngiới", &cookie);
    let search: Value = serde_json::from_str(&search).unwrap();
    assert_eq!(search["total"], 1, "search counts what the session may see");
    // Its EPUB, from the web as from the CLI, says on its title page what it is.
    let epub = server
        .agent
        .get(&format!("{}/documents/{secret}.epub", server.base))
        .set("Cookie", &cookie)
        .call()
        .unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut epub.into_reader(), &mut bytes).unwrap();
    let path = test.dir.path().join("mat.epub");
    std::fs::write(&path, &bytes).unwrap();
    support::assert_valid_epub(&path);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut marked = false;
    for i in 0..zip.len() {
        let mut part = String::new();
        let mut file = zip.by_index(i).unwrap();
        if file.name().ends_with(".xhtml") {
            std::io::Read::read_to_string(&mut file, &mut part).unwrap();
            marked |= part.contains("MẬT: tài liệu thuộc diện bảo vệ bí mật");
        }
    }
    assert!(marked, "the title page carries the mark");
    let (status, _) = server.get("/search.epub?q=quỳnhlâmbiêngiới", &cookie);
    assert_eq!(status, 200, "the anthology follows the session's clearance");
    assert_eq!(server.get("/search.epub?q=quỳnhlâmbiêngiới", "").0, 404);
    let (_, account) = server.get("/login", &cookie);
    assert!(account.contains("Đăng xuất") && account.contains("Mật"));

    // A public reader's session sees no more than an anonymous one.
    let (_, cookies, _) = server.login("congkhai", "mật khẩu người đọc", &[]);
    assert_eq!(server.get(&doc, &session_cookie(&cookies)).0, 404);

    // Logout needs the session's token; then the document is hidden again.
    let (status, _, _) = server.post("/logout", &cookie, &[("csrf", "sai")], &[]);
    assert_eq!(status, 403);
    assert_eq!(server.get(&doc, &cookie).0, 200, "still logged in");
    let csrf = account
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let (status, cleared, _) = server.post("/logout", &cookie, &[("csrf", csrf)], &[]);
    assert_eq!(status, 303);
    assert!(cleared
        .iter()
        .any(|c| c.starts_with("vankien_session=;") && c.contains("Max-Age=0")));
    assert_eq!(
        server.get(&doc, &cookie).0,
        404,
        "the old cookie opens nothing"
    );

    // Behind an HTTPS proxy on this machine the cookie is Secure.
    let (_, cookies, _) = server.login(
        "mat",
        "mật khẩu cán bộ mật",
        &[("X-Forwarded-Proto", "https")],
    );
    let session = cookies
        .iter()
        .find(|c| c.starts_with("vankien_session="))
        .unwrap();
    assert!(session.contains("; Secure"), "{session}");

    // Disabling the account ends its sessions at once.
    let cookie = session_cookie(&cookies);
    assert_eq!(server.get(&doc, &cookie).0, 200);
    test.ok(&["user", "disable", "mat"]);
    assert_eq!(server.get(&doc, &cookie).0, 404);
}

#[test]
fn failed_logins_are_throttled_per_account_and_per_address() {
    let test = TestArchive::new();
    add_user(&test, "bi.thu", "admin", "toi-mat", "mật khẩu rất dài");
    add_user(&test, "khac", "reader", "public", "mật khẩu khác dài");
    let server = Server::start(&test);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(server.login("bi.thu", "đoán sai mật khẩu", &[]).0);
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 401, 429],
        "the sixth try waits"
    );
    let (status, cookies, body) = server.login("bi.thu", "mật khẩu rất dài", &[]);
    assert_eq!(status, 429, "even the right password waits: no oracle");
    assert!(cookies.iter().all(|c| !c.starts_with("vankien_session=")));
    let retry: u64 = body
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("retry-after=")
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert!(body.contains("Xin thử lại sau"));
    // Another account from the same address is not locked by this one's failures.
    assert_eq!(server.login("khac", "mật khẩu khác dài", &[]).0, 303);
    // One address guessing many names meets its own limit well before 25 tries.
    let mut tries = 0;
    while server.login(&format!("ten{tries}"), "sai", &[]).0 != 429 {
        tries += 1;
        assert!(tries < 25, "the address was never throttled");
    }
    assert!(tries <= 20, "{tries}");
    let (_, body) = server.get("/login", "");
    assert!(body.contains("Đăng nhập"), "the server keeps serving");
}
