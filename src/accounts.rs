//! Accounts, sessions and login throttling.
//!
//! Who may read what: every account has a role (reader, editor, admin) and a clearance (public,
//! internal, mật, tối mật); a document is visible iff the clearance is at least its
//! classification. TUYỆT MẬT is never stored, so no clearance names it.
//!
//! Kept in `accounts.sqlite` beside the catalog (one more file in the same backup): passwords as
//! argon2id PHC strings, sessions by the SHA-256 of their token (a copied database opens no
//! session), each session with its own CSRF token. Failed logins are counted in memory per
//! account and per address ([`Throttle`]).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::document::Classification;
use crate::vietnamese::normalize;

/// How long a session lasts from login: a working day and a half.
pub const SESSION_HOURS: i64 = 12;
const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_BYTES: usize = 1024;

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    password TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_name);
";

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads what its clearance allows.
    Reader,
    /// Also ingests and corrects.
    Editor,
    /// Also manages accounts.
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Reader, Role::Editor, Role::Admin]
            .into_iter()
            .find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Reader => "Người đọc",
            Role::Editor => "Biên tập viên",
            Role::Admin => "Quản trị viên",
        }
    }
}

/// A clearance is the highest classification an account may read; TUYỆT MẬT is not one.
pub fn clearance_from_code(code: &str) -> Option<Classification> {
    Classification::from_code(code).filter(|c| *c != Classification::TuyetMat)
}

/// An account, without its password.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    pub clearance: Classification,
    pub disabled: bool,
    pub created_at: String,
}

impl User {
    /// The highest classification level this account may see.
    pub fn level(&self) -> u8 {
        self.clearance.level()
    }
}

/// A logged-in session: its account and the token its forms must carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("lỗi cơ sở dữ liệu tài khoản: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("tên đăng nhập \"{0}\" không hợp lệ: dùng 2–64 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới")]
    BadName(String),
    #[error("tài khoản \"{0}\" đã có")]
    Exists(String),
    #[error("không có tài khoản \"{0}\"; xem danh sách bằng `vankien user list`")]
    NoSuchUser(String),
    #[error("mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự")]
    WeakPassword,
    #[error("mật khẩu quá dài (tối đa {MAX_PASSWORD_BYTES} byte)")]
    LongPassword,
    #[error("không băm được mật khẩu: {0}")]
    Hash(String),
    #[error("không lấy được số ngẫu nhiên từ hệ điều hành: {0}")]
    Random(String),
    #[error("bản ghi tài khoản \"{0}\" bị hỏng")]
    Corrupt(String),
}

/// Why a login was refused. The reader is never told which of name and password was wrong.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("sai tên đăng nhập hoặc mật khẩu")]
    Wrong,
    #[error("tài khoản đã bị khóa; liên hệ quản trị viên")]
    Disabled,
    #[error(transparent)]
    Accounts(#[from] AccountsError),
}

/// The accounts database.
pub struct Accounts {
    conn: Mutex<Connection>,
    /// Verified for unknown names, so a wrong name costs as long as a wrong password.
    dummy_hash: String,
}

impl Accounts {
    pub fn open(path: &Path) -> Result<Accounts, AccountsError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        // The file holds password hashes: readable by its owner only.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        let dummy_hash = hash_password("mật khẩu giả để cân thời gian")?;
        Ok(Accounts {
            conn: Mutex::new(conn),
            dummy_hash,
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add(
        &self,
        name: &str,
        role: Role,
        clearance: Classification,
        password: &str,
    ) -> Result<User, AccountsError> {
        let name = checked_name(name)?;
        let hash = hash_password(password)?;
        let created_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO users (name, role, clearance, password, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role.code(), clearance.code(), hash, created_at],
        )?;
        if inserted == 0 {
            return Err(AccountsError::Exists(name));
        }
        Ok(User {
            name,
            role,
            clearance,
            disabled: false,
            created_at,
        })
    }

    pub fn list(&self) -> Result<Vec<User>, AccountsError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT name, role, clearance, disabled, created_at FROM users ORDER BY name",
        )?;
        let rows = stmt.query_map([], row_to_user)?;
        rows.map(|r| r?).collect()
    }

    pub fn get(&self, name: &str) -> Result<Option<User>, AccountsError> {
        self.conn()
            .query_row(
                "SELECT name, role, clearance, disabled, created_at FROM users WHERE name = ?1",
                [name],
                row_to_user,
            )
            .optional()?
            .transpose()
    }

    /// Disable (or enable again) an account; disabling also ends its sessions.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<(), AccountsError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE users SET disabled = ?2 WHERE name = ?1",
            params![name, disabled],
        )?;
        if changed == 0 {
            return Err(AccountsError::NoSuchUser(name.to_string()));
        }
        if disabled {
            tx.execute("DELETE FROM sessions WHERE user_name = ?1", [name])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Change a password; every session of the account ends.
    pub fn set_password(&self, name: &str, password: &str) -> Result<(), AccountsError> {
        let hash = hash_password(password)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE users SET password = ?2 WHERE name = ?1",
            params![name, hash],
        )?;
        if changed == 0 {
            return Err(AccountsError::NoSuchUser(name.to_string()));
        }
        tx.execute("DELETE FROM sessions WHERE user_name = ?1", [name])?;
        tx.commit()?;
        Ok(())
    }

    /// Check a name and password (argon2id, slow on purpose; run it off the async threads).
    pub fn verify(&self, name: &str, password: &str) -> Result<User, LoginError> {
        let stored: Option<(String, bool)> = self
            .conn()
            .query_row(
                "SELECT password, disabled FROM users WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(AccountsError::from)?;
        let hash = stored
            .as_ref()
            .map_or(self.dummy_hash.as_str(), |(h, _)| h.as_str());
        let ok = password.len() <= MAX_PASSWORD_BYTES && verify_password(password, hash);
        match stored {
            Some((_, disabled)) if ok => {
                if disabled {
                    return Err(LoginError::Disabled);
                }
                self.get(name)?.ok_or(LoginError::Wrong)
            }
            _ => Err(LoginError::Wrong),
        }
    }

    /// Open a session: returns the token for the cookie (only its hash is stored).
    pub fn open_session(&self, user: &User) -> Result<(String, Session), AccountsError> {
        let token = random_hex(32)?;
        let csrf = random_hex(24)?;
        let expires = chrono::Utc::now().timestamp() + SESSION_HOURS * 3600;
        let conn = self.conn();
        conn.execute(
            "DELETE FROM sessions WHERE expires_at < ?1",
            [chrono::Utc::now().timestamp()],
        )?;
        conn.execute(
            "INSERT INTO sessions (token_sha256, user_name, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![crate::library::sha256_hex(token.as_bytes()), user.name, csrf, expires],
        )?;
        Ok((
            token,
            Session {
                user: user.clone(),
                csrf,
            },
        ))
    }

    /// The live session of a cookie's token, if any (expired, ended or disabled: none).
    pub fn session(&self, token: &str) -> Result<Option<Session>, AccountsError> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let found: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT user_name, csrf FROM sessions WHERE token_sha256 = ?1 AND expires_at >= ?2",
                params![
                    crate::library::sha256_hex(token.as_bytes()),
                    chrono::Utc::now().timestamp()
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((name, csrf)) = found else {
            return Ok(None);
        };
        Ok(self
            .get(&name)?
            .filter(|u| !u.disabled)
            .map(|user| Session { user, csrf }))
    }

    pub fn close_session(&self, token: &str) -> Result<(), AccountsError> {
        self.conn().execute(
            "DELETE FROM sessions WHERE token_sha256 = ?1",
            [crate::library::sha256_hex(token.as_bytes())],
        )?;
        Ok(())
    }
}

fn row_to_user(r: &rusqlite::Row) -> rusqlite::Result<Result<User, AccountsError>> {
    let name: String = r.get(0)?;
    let role = Role::from_code(&r.get::<_, String>(1)?);
    let clearance = clearance_from_code(&r.get::<_, String>(2)?);
    let (Some(role), Some(clearance)) = (role, clearance) else {
        return Ok(Err(AccountsError::Corrupt(name)));
    };
    Ok(Ok(User {
        name,
        role,
        clearance,
        disabled: r.get(3)?,
        created_at: r.get(4)?,
    }))
}

/// Names are ASCII so that they are typed the same on every keyboard and never differ by
/// normalization alone.
fn checked_name(name: &str) -> Result<String, AccountsError> {
    let name = normalize(name.trim()).to_lowercase();
    let ok = (2..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(name)
    } else {
        Err(AccountsError::BadName(name))
    }
}

/// argon2id with the crate's defaults (19 MiB, 2 passes: OWASP's first recommendation). The
/// password is NFC-normalized first: the same password typed on two keyboards is the same.
fn hash_password(password: &str) -> Result<String, AccountsError> {
    let password = normalize_password(password);
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountsError::WeakPassword);
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(AccountsError::LongPassword);
    }
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| AccountsError::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AccountsError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AccountsError::Hash(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    let password = normalize_password(password);
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// NFC only: tone placement and invisible characters are the user's own choice in a password.
fn normalize_password(password: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    password.trim_end_matches(['\r', '\n']).nfc().collect()
}

fn random_hex(bytes: usize) -> Result<String, AccountsError> {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).map_err(|e| AccountsError::Random(e.to_string()))?;
    Ok(hex::encode(buf))
}

/// Failed logins per account and per address. After [`Throttle::FREE_TRIES`] failures of an
/// account (or [`Throttle::FREE_TRIES_PER_ADDRESS`] from one address: an office shares one
/// behind its router) within [`Throttle::WINDOW`], each further attempt must wait, twice as long
/// each time (from 30 s up to 15 minutes), whatever the password; a success clears the
/// account's count. An attacker guessing one account from many addresses meets the account
/// limit; one address guessing many accounts meets its own.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Failures>>,
}

struct Failures {
    count: u32,
    first: Instant,
    last: Instant,
}

impl Throttle {
    pub const FREE_TRIES: u32 = 5;
    pub const FREE_TRIES_PER_ADDRESS: u32 = 20;
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);
    const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
    /// Bounds the memory a flood of made-up names can take.
    const MAX_KEYS: usize = 100_000;

    /// How long these keys (`user:NAME`, `ip:ADDR`) must still wait, if at all.
    pub fn wait(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|k| Some((k, map.get(k)?)))
            .filter_map(|(k, f)| {
                let until = f.last + Self::delay(k, f.count)?;
                until.checked_duration_since(now)
            })
            .max()
    }

    pub fn fail(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= Self::MAX_KEYS {
            map.retain(|_, f| now.duration_since(f.last) < Self::WINDOW);
        }
        for key in keys {
            let f = map.entry(key.clone()).or_insert(Failures {
                count: 0,
                first: now,
                last: now,
            });
            if now.duration_since(f.first) > Self::WINDOW && Self::delay(key, f.count).is_none() {
                f.count = 0;
                f.first = now;
            }
            f.count += 1;
            f.last = now;
        }
    }

    pub fn succeed(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }

    /// The wait after `count` failures: none for the free tries, then 30 s, 60 s, … 15 min.
    fn delay(key: &str, count: u32) -> Option<Duration> {
        let free = if key.starts_with("ip:") {
            Self::FREE_TRIES_PER_ADDRESS
        } else {
            Self::FREE_TRIES
        };
        let over = count.checked_sub(free)?;
        let wait = Duration::from_secs(30).saturating_mul(1 << over.min(10));
        Some(wait.min(Self::MAX_WAIT))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_sessions_and_passwords() {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::open(&dir.path().join("accounts.sqlite")).unwrap();
        let pw = "mật khẩu đủ dài";
        let user = accounts
            .add("Can.Bo-01", Role::Reader, Classification::Mat, pw)
            .unwrap();
        assert_eq!(user.name, "can.bo-01");
        assert!(matches!(
            accounts.add("can.bo-01", Role::Admin, Classification::Public, pw),
            Err(AccountsError::Exists(_))
        ));
        assert!(matches!(
            accounts.add("cán bộ", Role::Reader, Classification::Public, pw),
            Err(AccountsError::BadName(_))
        ));
        assert!(matches!(
            accounts.add("ngan", Role::Reader, Classification::Public, "ngắn"),
            Err(AccountsError::WeakPassword)
        ));
        let stored: String = accounts
            .conn()
            .query_row("SELECT password FROM users", [], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");

        // The same password typed decomposed (NFD) is the same password.
        let nfd = "mâ\u{323}t khâ\u{309}u đu\u{309} dài";
        assert_eq!(accounts.verify("can.bo-01", nfd).unwrap().level(), 2);
        assert!(matches!(
            accounts.verify("can.bo-01", "sai mật khẩu"),
            Err(LoginError::Wrong)
        ));
        assert!(matches!(
            accounts.verify("khong-co", pw),
            Err(LoginError::Wrong)
        ));

        let (token, session) = accounts.open_session(&user).unwrap();
        assert_eq!(token.len(), 64);
        assert_eq!(
            accounts.session(&token).unwrap().unwrap().csrf,
            session.csrf
        );
        assert!(accounts.session(&"0".repeat(64)).unwrap().is_none());
        accounts.set_disabled("can.bo-01", true).unwrap();
        assert!(
            accounts.session(&token).unwrap().is_none(),
            "disabling ends sessions"
        );
        assert!(matches!(
            accounts.verify("can.bo-01", pw),
            Err(LoginError::Disabled)
        ));
        accounts.set_disabled("can.bo-01", false).unwrap();
        let (token, _) = accounts.open_session(&user).unwrap();
        accounts
            .set_password("can.bo-01", "mật khẩu mới đủ dài")
            .unwrap();
        assert!(
            accounts.session(&token).unwrap().is_none(),
            "a new password ends sessions"
        );
        assert!(accounts.verify("can.bo-01", "mật khẩu mới đủ dài").is_ok());
        assert!(clearance_from_code("tuyet-mat").is_none());
    }

    #[test]
    fn throttle_waits_after_free_tries_per_key() {
        let t = Throttle::default();
        let keys = vec!["user:a".to_string(), "ip:1.2.3.4".to_string()];
        for _ in 0..Throttle::FREE_TRIES {
            assert!(t.wait(&keys).is_none());
            t.fail(&keys);
        }
        let wait = t.wait(&keys).unwrap();
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30));
        // The account waits from anywhere; the address is not blocked for other accounts yet.
        assert!(t.wait(&["user:a".into(), "ip:5.6.7.8".into()]).is_some());
        assert!(t.wait(&["user:b".into(), "ip:1.2.3.4".into()]).is_none());
        t.fail(&keys);
        assert!(t.wait(&keys).unwrap() > Duration::from_secs(55));
        // One address trying many accounts is stopped at its own limit.
        for i in 0..Throttle::FREE_TRIES_PER_ADDRESS {
            t.fail(&[format!("user:n{i}"), "ip:9.9.9.9".into()]);
        }
        assert!(t.wait(&["user:new".into(), "ip:9.9.9.9".into()]).is_some());
        assert_eq!(
            Throttle::delay("user:a", 40),
            Some(Duration::from_secs(900))
        );
    }
}
