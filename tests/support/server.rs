//! The real server on loopback, driven over HTTP with cookies handled by hand, and accounts
//! made through the real binary.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};

use super::TestArchive;

pub struct Server {
    child: Child,
    pub base: String,
    pub agent: ureq::Agent,
}

impl Server {
    pub fn start(test: &TestArchive) -> Server {
        Server::start_with(test, &[])
    }

    /// Started with these environment variables set.
    pub fn start_with(test: &TestArchive, env: &[(&str, &str)]) -> Server {
        let mut command = test.command();
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let base = first
            .trim()
            .trim_start_matches("vankien: ")
            .trim_end_matches('/')
            .to_string();
        Server {
            child,
            base,
            agent: ureq::AgentBuilder::new().redirects(0).build(),
        }
    }

    pub fn get(&self, path: &str, cookie: &str) -> (u16, String) {
        let response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .set("Cookie", cookie)
            .call();
        let response = match response {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{path}: {e}"),
        };
        (response.status(), response.into_string().unwrap())
    }

    /// POST a form; returns the status, the `Set-Cookie` headers and the body.
    pub fn post(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> (u16, Vec<String>, String) {
        let mut request = self
            .agent
            .post(&format!("{}{path}", self.base))
            .set("Cookie", cookie);
        for (k, v) in headers {
            request = request.set(k, v);
        }
        let response = match request.send_form(form) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{path}: {e}"),
        };
        let cookies = response
            .all("set-cookie")
            .into_iter()
            .map(str::to_string)
            .collect();
        let retry = response.header("retry-after").map(str::to_string);
        let status = response.status();
        let mut body = response.into_string().unwrap();
        if let Some(r) = retry {
            body = format!("retry-after={r}\n{body}");
        }
        (status, cookies, body)
    }

    /// The login form's CSRF cookie and token.
    pub fn login_form(&self) -> (String, String) {
        let response = self
            .agent
            .get(&format!("{}/login", self.base))
            .call()
            .unwrap();
        let cookie = response.header("set-cookie").unwrap().to_string();
        let cookie = cookie.split(';').next().unwrap().to_string();
        let body = response.into_string().unwrap();
        let token = body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        (cookie, token)
    }

    pub fn login(
        &self,
        name: &str,
        password: &str,
        headers: &[(&str, &str)],
    ) -> (u16, Vec<String>, String) {
        let (cookie, csrf) = self.login_form();
        self.post(
            "/login",
            &cookie,
            &[
                ("username", name),
                ("password", password),
                ("csrf", &csrf),
                ("next", "/search?q=x"),
            ],
            headers,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn add_user(test: &TestArchive, name: &str, role: &str, clearance: &str, password: &str) {
    let mut child = test
        .command()
        .args([
            "user",
            "add",
            name,
            "--role",
            role,
            "--clearance",
            clearance,
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
