//! The catalog (SQLite): one row per document with its metadata, the text of every page and the
//! references it makes. It is the source of truth beside the stored originals; the search index
//! is rebuilt from it.
//!
//! SQLite because a provincial archive is one machine, often offline: a single file, ACID
//! transactions (a document's rows appear together or not at all), no server to run.

use std::path::Path;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::document::{Classification, DocType, Metadata, Reference};

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    source_name TEXT NOT NULL,
    format TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    number TEXT,
    number_key TEXT,
    doc_type TEXT,
    issued TEXT,
    level INTEGER NOT NULL,
    metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_issued ON documents(issued);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents(number_key);
CREATE TABLE IF NOT EXISTS pages (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
);
CREATE TABLE IF NOT EXISTS citations (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number_key TEXT NOT NULL,
    reference TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS citations_key ON citations(number_key);
CREATE TABLE IF NOT EXISTS trash_documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_name TEXT NOT NULL,
    format TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    number TEXT,
    number_key TEXT,
    doc_type TEXT,
    issued TEXT,
    level INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trash_pages (
    document_id TEXT NOT NULL REFERENCES trash_documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    method TEXT
);
CREATE TABLE IF NOT EXISTS trash_citations (
    document_id TEXT NOT NULL REFERENCES trash_documents(id) ON DELETE CASCADE,
    number_key TEXT NOT NULL,
    reference TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    document_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX IF NOT EXISTS audit_document ON audit(document_id);
CREATE TABLE IF NOT EXISTS counts (
    document_id TEXT PRIMARY KEY,
    views INTEGER NOT NULL DEFAULT 0,
    downloads INTEGER NOT NULL DEFAULT 0
);
";

/// The columns a document row has, in the trash as in the catalog.
const DOCUMENT_COLUMNS: &str = "id, sha256, kind, source_name, format, media_type, size, extractor,
    page_count, ingested_at, number, number_key, doc_type, issued, level, metadata";

/// One change to the catalog made by a person: `edit` (metadata before and after), `delete`
/// (to the trash), `restore`, `review` (checked, nothing changed).
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub user: String,
    pub document_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A document in the trash: its record as it was, and who put it there.
#[derive(Debug, Clone, Serialize)]
pub struct Trashed {
    pub record: DocumentRecord,
    pub deleted_at: String,
    pub deleted_by: String,
    pub reason: String,
}

/// Whether an entry is a single document or a book (local history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Document,
    Book,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Book => "book",
        }
    }
    fn from_code(code: &str) -> Kind {
        if code == "book" {
            Kind::Book
        } else {
            Kind::Document
        }
    }
}

/// A catalogued document: where it came from and what it says it is.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRecord {
    pub id: String,
    pub sha256: String,
    pub kind: Kind,
    /// The original file name, as the user knew it.
    pub source_name: String,
    pub format: String,
    pub media_type: String,
    pub size: u64,
    /// The extractor whose text was kept.
    pub extractor: String,
    pub page_count: u32,
    pub ingested_at: String,
    pub metadata: Metadata,
}

impl DocumentRecord {
    /// The number as printed (`05-CT/TW`), if the document has one.
    pub fn number(&self) -> Option<String> {
        self.metadata.number.as_ref().map(|n| n.canonical())
    }

    pub fn classification(&self) -> Classification {
        self.metadata.classification
    }

    pub fn doc_type(&self) -> Option<DocType> {
        self.metadata.doc_type
    }

    /// A title fit for a list: the subject, else the type and number, else the file name.
    pub fn display_title(&self) -> String {
        if let Some(title) = self.metadata.title.as_deref().filter(|t| !t.is_empty()) {
            return title.to_string();
        }
        match (self.metadata.doc_type, self.number()) {
            (Some(t), Some(n)) => format!("{} số {n}", t.name()),
            (None, Some(n)) => format!("Văn bản số {n}"),
            _ => self.source_name.clone(),
        }
    }

    /// The issuing body: its name from the header, else the code from the number.
    pub fn issuer(&self) -> Option<String> {
        self.metadata
            .issuer_name
            .clone()
            .or_else(|| self.metadata.number.as_ref().map(|n| n.issuer.clone()))
    }
}

/// Catalog failures: storage errors, or a row that no longer parses.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("lỗi cơ sở dữ liệu danh mục: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("bản ghi {0} trong danh mục bị hỏng: {1}")]
    Corrupt(String, String),
}

/// The catalog database.
pub struct Catalog {
    conn: Connection,
}

impl Catalog {
    pub fn open(path: &Path) -> Result<Catalog, CatalogError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Self::add_page_method(&conn)?;
        Ok(Catalog { conn })
    }

    /// Catalogs made before OCR have no per-page method; their pages are the file's own text.
    fn add_page_method(conn: &Connection) -> Result<(), CatalogError> {
        let has = conn
            .prepare("SELECT 1 FROM pragma_table_info('pages') WHERE name = 'method'")?
            .exists([])?;
        if !has {
            conn.execute_batch("ALTER TABLE pages ADD COLUMN method TEXT")?;
        }
        Ok(())
    }

    /// Insert a document with its pages and citations in one transaction.
    pub fn insert(
        &mut self,
        record: &DocumentRecord,
        pages: &[String],
        references: &[Reference],
    ) -> Result<(), CatalogError> {
        self.insert_with_methods(record, pages, &[], references)
    }

    /// [`Catalog::insert`], recording how each page's text was obtained (`text`, `ocr`,
    /// `blank`, `failed`; pages beyond `methods` get none).
    pub fn insert_with_methods(
        &mut self,
        record: &DocumentRecord,
        pages: &[String],
        methods: &[&str],
        references: &[Reference],
    ) -> Result<(), CatalogError> {
        let metadata = serde_json::to_string(&record.metadata)
            .map_err(|e| CatalogError::Corrupt(record.id.clone(), e.to_string()))?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO documents (id, sha256, kind, source_name, format, media_type, size, extractor,
                page_count, ingested_at, number, number_key, doc_type, issued, level, metadata)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                record.id,
                record.sha256,
                record.kind.code(),
                record.source_name,
                record.format,
                record.media_type,
                record.size as i64,
                record.extractor,
                record.page_count,
                record.ingested_at,
                record.number(),
                record.metadata.number.as_ref().and_then(|n| n.search_keys().into_iter().next()),
                record.metadata.doc_type.map(|t| t.code()),
                record.metadata.issued.map(|d| d.to_string()),
                record.classification().level(),
                metadata,
            ],
        )?;
        {
            let mut page = tx.prepare(
                "INSERT INTO pages (document_id, number, text, method) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (i, text) in pages.iter().enumerate() {
                page.execute(params![record.id, i as u32 + 1, text, methods.get(i)])?;
            }
            let mut cite = tx.prepare(
                "INSERT INTO citations (document_id, number_key, reference) VALUES (?1, ?2, ?3)",
            )?;
            for reference in references {
                let json = serde_json::to_string(reference)
                    .map_err(|e| CatalogError::Corrupt(record.id.clone(), e.to_string()))?;
                if let Some(key) = reference.number.search_keys().first() {
                    cite.execute(params![record.id, key, json])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    const COLUMNS: &'static str =
        "id, sha256, kind, source_name, format, media_type, size, extractor,
        page_count, ingested_at, metadata";

    fn row_to_record(
        row: &rusqlite::Row,
    ) -> rusqlite::Result<Result<DocumentRecord, CatalogError>> {
        let id: String = row.get(0)?;
        let metadata: String = row.get(10)?;
        let metadata = match serde_json::from_str::<Metadata>(&metadata) {
            Ok(m) => m,
            Err(e) => return Ok(Err(CatalogError::Corrupt(id, e.to_string()))),
        };
        Ok(Ok(DocumentRecord {
            id,
            sha256: row.get(1)?,
            kind: Kind::from_code(&row.get::<_, String>(2)?),
            source_name: row.get(3)?,
            format: row.get(4)?,
            media_type: row.get(5)?,
            size: row.get::<_, i64>(6)? as u64,
            extractor: row.get(7)?,
            page_count: row.get(8)?,
            ingested_at: row.get(9)?,
            metadata,
        }))
    }

    fn query_records(
        &self,
        filter: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<DocumentRecord>, CatalogError> {
        let sql = format!("SELECT {} FROM documents {filter}", Self::COLUMNS);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, Self::row_to_record)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    pub fn get(&self, id: &str) -> Result<Option<DocumentRecord>, CatalogError> {
        Ok(self.query_records("WHERE id = ?1", [id])?.pop())
    }

    pub fn by_sha256(&self, sha256: &str) -> Result<Option<DocumentRecord>, CatalogError> {
        Ok(self.query_records("WHERE sha256 = ?1", [sha256])?.pop())
    }

    /// All documents, newest issued first (undated last).
    pub fn list(&self) -> Result<Vec<DocumentRecord>, CatalogError> {
        self.query_records("ORDER BY issued IS NULL, issued DESC, id", [])
    }

    /// The newest documents a reader with clearance `max_level` may see.
    pub fn newest(&self, max_level: u8, limit: usize) -> Result<Vec<DocumentRecord>, CatalogError> {
        self.query_records(
            "WHERE level <= ?1 ORDER BY issued IS NULL, issued DESC, ingested_at DESC LIMIT ?2",
            params![max_level, limit as i64],
        )
    }

    /// When the last document a reader with clearance `max_level` may see was ingested.
    pub fn last_ingested(&self, max_level: u8) -> Result<Option<String>, CatalogError> {
        Ok(self.conn.query_row(
            "SELECT MAX(ingested_at) FROM documents WHERE level <= ?1",
            [max_level],
            |r| r.get(0),
        )?)
    }

    /// How many visible documents there are of each type code.
    pub fn count_by_type(&self, max_level: u8) -> Result<Vec<(Option<String>, u64)>, CatalogError> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_type, COUNT(*) FROM documents WHERE level <= ?1 GROUP BY doc_type ORDER BY COUNT(*) DESC",
        )?;
        let rows = stmt.query_map([max_level], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The books a reader with clearance `max_level` may see, by province, district, commune
    /// and title (a place not known sorts last).
    pub fn books(&self, max_level: u8) -> Result<Vec<DocumentRecord>, CatalogError> {
        let mut books = self.query_records("WHERE kind = 'book' AND level <= ?1", [max_level])?;
        let key = |r: &DocumentRecord| {
            let b = r.metadata.book.clone().unwrap_or_default();
            let place = |p: Option<String>| (p.is_none(), p.map(|p| crate::vietnamese::fold(&p)));
            (
                place(b.province),
                place(b.district),
                place(b.commune),
                crate::vietnamese::fold(&r.display_title()),
            )
        };
        books.sort_by_cached_key(key);
        Ok(books)
    }

    /// The metadata columns and JSON of one row.
    fn write_metadata(
        conn: &Connection,
        id: &str,
        metadata: &Metadata,
        json: &str,
    ) -> Result<(), CatalogError> {
        conn.execute(
            "UPDATE documents SET number = ?2, number_key = ?3, doc_type = ?4, issued = ?5,
                level = ?6, metadata = ?7 WHERE id = ?1",
            params![
                id,
                metadata.number.as_ref().map(|n| n.canonical()),
                metadata
                    .number
                    .as_ref()
                    .and_then(|n| n.search_keys().into_iter().next()),
                metadata.doc_type.map(|t| t.code()),
                metadata.issued.map(|d| d.to_string()),
                metadata.classification.level(),
                json,
            ],
        )?;
        Ok(())
    }

    /// Replace a document's metadata (a corrected sidecar, an edit); its pages stay.
    pub fn update_metadata(&mut self, id: &str, metadata: &Metadata) -> Result<(), CatalogError> {
        let json = serde_json::to_string(metadata)
            .map_err(|e| CatalogError::Corrupt(id.to_string(), e.to_string()))?;
        Self::write_metadata(&self.conn, id, metadata, &json)?;
        Ok(())
    }

    /// The text of every page, in order.
    pub fn pages(&self, id: &str) -> Result<Vec<String>, CatalogError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM pages WHERE document_id = ?1 ORDER BY number")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How each page's text was obtained, in page order (`None`: the file's own text, recorded
    /// before methods were).
    pub fn page_methods(&self, id: &str) -> Result<Vec<Option<String>>, CatalogError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT method FROM pages WHERE document_id = ?1 ORDER BY number")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The references a document makes.
    pub fn references(&self, id: &str) -> Result<Vec<Reference>, CatalogError> {
        let mut stmt = self
            .conn
            .prepare("SELECT reference FROM citations WHERE document_id = ?1")?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            let json = json?;
            out.push(
                serde_json::from_str(&json)
                    .map_err(|e| CatalogError::Corrupt(id.to_string(), e.to_string()))?,
            );
        }
        Ok(out)
    }

    /// Documents that cite any of these number keys, newest first.
    pub fn cited_by(&self, key: &str) -> Result<Vec<DocumentRecord>, CatalogError> {
        self.query_records(
            "WHERE id IN (SELECT document_id FROM citations WHERE number_key = ?1) ORDER BY issued IS NULL, issued DESC",
            [key],
        )
    }

    /// Documents whose own number has this full key (`5-CT/TW`), oldest first: a symbol is not
    /// unique, so a citation may have several carriers.
    pub fn carriers(&self, number_key: &str) -> Result<Vec<DocumentRecord>, CatalogError> {
        self.query_records("WHERE number_key = ?1 ORDER BY issued", [number_key])
    }

    pub fn ids(&self) -> Result<Vec<String>, CatalogError> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Remove a document and everything hanging from it.
    pub fn remove(&mut self, id: &str) -> Result<(), CatalogError> {
        self.conn
            .execute("DELETE FROM documents WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Correct a document's metadata as `user`, recording before and after in the audit log,
    /// in one transaction. Returns the record as it now is.
    pub fn edit(
        &mut self,
        id: &str,
        metadata: &Metadata,
        user: &str,
    ) -> Result<Option<DocumentRecord>, CatalogError> {
        let Some(before) = self.get(id)? else {
            return Ok(None);
        };
        let json = |m: &Metadata| {
            serde_json::to_string(m)
                .map_err(|e| CatalogError::Corrupt(id.to_string(), e.to_string()))
        };
        let (old, new) = (json(&before.metadata)?, json(metadata)?);
        let tx = self.conn.transaction()?;
        Self::write_metadata(&tx, id, metadata, &new)?;
        let action = if old == new { "review" } else { "edit" };
        Self::log(&tx, user, id, action, Some(&old), Some(&new))?;
        tx.commit()?;
        self.get(id)
    }

    fn log(
        tx: &rusqlite::Transaction,
        user: &str,
        id: &str,
        action: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<(), CatalogError> {
        tx.execute(
            "INSERT INTO audit (at, user_name, document_id, action, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                user,
                id,
                action,
                before,
                after
            ],
        )?;
        Ok(())
    }

    /// Move a document with its pages and citations to the trash (one transaction); its
    /// original stays in the store, so it can be restored whole.
    pub fn trash(&mut self, id: &str, user: &str, reason: &str) -> Result<bool, CatalogError> {
        self.trash_noting(id, user, reason, None)
    }

    /// Move `old` to the trash and note in `new`'s history that it replaced it: one
    /// transaction, so the history never tells half of it.
    pub fn replace(&mut self, old: &str, new: &str, user: &str) -> Result<bool, CatalogError> {
        let reason = format!("thay bằng phiên bản mới {new}");
        self.trash_noting(old, user, &reason, Some(new))
    }

    fn trash_noting(
        &mut self,
        id: &str,
        user: &str,
        reason: &str,
        replaced_by: Option<&str>,
    ) -> Result<bool, CatalogError> {
        let tx = self.conn.transaction()?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let moved = tx.execute(
            &format!(
                "INSERT INTO trash_documents ({DOCUMENT_COLUMNS}, deleted_at, deleted_by, reason)
                 SELECT {DOCUMENT_COLUMNS}, ?2, ?3, ?4 FROM documents WHERE id = ?1"
            ),
            params![id, now, user, reason],
        )?;
        if moved == 0 {
            return Ok(false);
        }
        Self::copy_rows(&tx, id, "", "trash_")?;
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        Self::log(
            &tx,
            user,
            id,
            "delete",
            None,
            Some(&serde_json::to_string(reason).unwrap_or_default()),
        )?;
        if let Some(new) = replaced_by {
            let detail = serde_json::json!({ "replaces": id }).to_string();
            Self::log(&tx, user, new, "replace", Some(&detail), None)?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// Copy a document's pages and citations between the catalog (`""`) and the trash
    /// (`"trash_"`) tables.
    fn copy_rows(tx: &Connection, id: &str, from: &str, to: &str) -> Result<(), CatalogError> {
        tx.execute(
            &format!(
                "INSERT INTO {to}pages (document_id, number, text, method)
                 SELECT document_id, number, text, method FROM {from}pages WHERE document_id = ?1"
            ),
            [id],
        )?;
        tx.execute(
            &format!(
                "INSERT INTO {to}citations (document_id, number_key, reference)
                 SELECT document_id, number_key, reference FROM {from}citations WHERE document_id = ?1"
            ),
            [id],
        )?;
        Ok(())
    }

    /// Put a trashed document back as it was (one transaction).
    pub fn restore(
        &mut self,
        id: &str,
        user: &str,
    ) -> Result<Option<DocumentRecord>, CatalogError> {
        let tx = self.conn.transaction()?;
        let moved = tx.execute(
            &format!(
                "INSERT INTO documents ({DOCUMENT_COLUMNS})
                 SELECT {DOCUMENT_COLUMNS} FROM trash_documents WHERE id = ?1"
            ),
            [id],
        )?;
        if moved == 0 {
            return Ok(None);
        }
        Self::copy_rows(&tx, id, "trash_", "")?;
        tx.execute("DELETE FROM trash_documents WHERE id = ?1", [id])?;
        Self::log(&tx, user, id, "restore", None, None)?;
        tx.commit()?;
        self.get(id)
    }

    /// The trash, most recently deleted first.
    pub fn trashed(&self) -> Result<Vec<Trashed>, CatalogError> {
        let sql = format!(
            "SELECT {}, deleted_at, deleted_by, reason FROM trash_documents ORDER BY deleted_at DESC",
            Self::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |row| {
            Ok(Self::row_to_record(row)?.map(|record| Trashed {
                record,
                deleted_at: row.get(11).unwrap_or_default(),
                deleted_by: row.get(12).unwrap_or_default(),
                reason: row.get(13).unwrap_or_default(),
            }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Checksums of the originals the trash still needs (not orphans for `verify`).
    pub fn trashed_sha256s(&self) -> Result<Vec<String>, CatalogError> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM trash_documents")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Everything people changed about a document, oldest first.
    pub fn audit(&self, id: &str) -> Result<Vec<AuditEntry>, CatalogError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, user_name, document_id, action, before, after FROM audit
             WHERE document_id = ?1 ORDER BY seq",
        )?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let rows = stmt.query_map([id], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                user: r.get(1)?,
                document_id: r.get(2)?,
                action: r.get(3)?,
                before: parse(r.get(4)?),
                after: parse(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What needs a person's eye, at clearance `max_level`: documents missing a number, type,
    /// date or title, and everything read by OCR or from a legacy encoding, that nobody has
    /// reviewed or edited yet; oldest ingested first.
    pub fn review_queue(
        &self,
        max_level: u8,
        limit: usize,
    ) -> Result<Vec<DocumentRecord>, CatalogError> {
        self.query_records(
            "WHERE level <= ?1 AND id NOT IN (SELECT document_id FROM audit WHERE action IN ('edit', 'review'))
               AND (kind = 'document' AND (number IS NULL OR doc_type IS NULL OR issued IS NULL
                        OR json_extract(metadata, '$.title') IS NULL)
                    OR extractor LIKE '%tesseract%' OR extractor LIKE '%+tcvn3%' OR extractor LIKE '%+vni%')
             ORDER BY ingested_at, id LIMIT ?2",
            params![max_level, limit as i64],
        )
    }

    /// Add views and downloads counted since the last call, in one transaction.
    pub fn add_counts(&mut self, counts: &[(String, u64, u64)]) -> Result<(), CatalogError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO counts (document_id, views, downloads) VALUES (?1, ?2, ?3)
                 ON CONFLICT(document_id) DO UPDATE SET views = views + ?2, downloads = downloads + ?3",
            )?;
            for (id, views, downloads) in counts {
                stmt.execute(params![id, *views as i64, *downloads as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A document's views and downloads so far.
    pub fn counts(&self, id: &str) -> Result<(u64, u64), CatalogError> {
        let found = self
            .conn
            .prepare_cached("SELECT views, downloads FROM counts WHERE document_id = ?1")?
            .query_row([id], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            });
        match found {
            Ok(c) => Ok(c),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok((0, 0)),
            Err(e) => Err(e.into()),
        }
    }

    /// SQLite's own consistency check.
    pub fn integrity_check(&self) -> Result<Vec<String>, CatalogError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|r| r != "ok")
            .collect())
    }
}
