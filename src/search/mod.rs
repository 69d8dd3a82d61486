//! Full-text search over the catalog with tantivy: Vietnamese syllables with and without marks,
//! document numbers as exact keys, facets by type, issuer and year, and visibility by
//! classification applied inside the query (so totals and facets never count hidden documents).
//!
//! One [`SearchIndex`] per index folder: it holds the only writer (created on first write) and a
//! shared reader. The index is derived data; [`crate::Archive`] rebuilds it when it is missing or
//! its [`schema::SCHEMA_VERSION`] changed.

mod query;
mod schema;
pub mod snippet;
pub mod within;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

use query::WordMatch;
pub use query::{types_named, Filters, ParsedQuery, Ranking, SearchRequest};
use schema::Fields;
pub use schema::SCHEMA_VERSION;

use crate::library::DocumentRecord;
use crate::vietnamese;

/// Search failures.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("lỗi chỉ mục tìm kiếm: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("lỗi thư mục chỉ mục {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("chỉ mục đang được một tiến trình khác ghi (đang nhập tài liệu?); hãy chờ tiến trình đó xong rồi thử lại")]
    Busy,
}

/// Counts per facet value for the current query.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    pub types: Vec<(String, u64)>,
    pub issuers: Vec<(String, u64)>,
    pub years: Vec<(String, u64)>,
}

/// Matching documents, best first.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<(String, f32)>,
    pub facets: Facets,
    /// Folded query syllables, for snippets.
    pub terms: HashSet<String>,
}

/// The index's own statistics with the average text length scaled (see
/// [`Ranking::length_scale`]): how BM25's k1 and b are tuned, since tantivy fixes them.
struct LengthScaled<'a> {
    searcher: &'a tantivy::Searcher,
    scale: f64,
}

impl tantivy::query::Bm25StatisticsProvider for LengthScaled<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        let n = tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        Ok((n as f64 * self.scale) as u64)
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        tantivy::query::Bm25StatisticsProvider::total_num_docs(self.searcher)
    }
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        tantivy::query::Bm25StatisticsProvider::doc_freq(self.searcher, term)
    }
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    ranking: Ranking,
}

impl SearchIndex {
    /// Open the index at `dir`, creating it (empty) if it is missing or of another schema
    /// version. The flag says whether it was (re)created and so must be filled from the catalog.
    pub fn open(dir: &Path) -> Result<(SearchIndex, bool), SearchError> {
        let io = |source| SearchError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let version_file = dir.join("vankien-schema-version");
        let current = std::fs::read_to_string(&version_file)
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok());
        let (schema, fields) = schema::build();
        let fresh = current != Some(SCHEMA_VERSION) || !dir.join("meta.json").exists();
        if fresh && dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let index = if fresh {
            let index = Index::create_in_dir(dir, schema)?;
            std::fs::write(&version_file, SCHEMA_VERSION.to_string()).map_err(io)?;
            index
        } else {
            Index::open_in_dir(dir)?
        };
        vietnamese::register_analyzers(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok((
            SearchIndex {
                index,
                reader,
                writer: Mutex::new(None),
                fields,
                ranking: Ranking::default(),
            },
            fresh,
        ))
    }

    /// Score free words another way (the evaluation compares rankings on one index).
    pub fn set_ranking(&mut self, ranking: Ranking) {
        self.ranking = ranking;
    }

    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter, &Fields) -> Result<T, SearchError>,
    ) -> Result<T, SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            let writer = self.index.writer(64 << 20).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Busy,
                other => SearchError::Tantivy(other),
            })?;
            *guard = Some(writer);
        }
        f(
            guard.as_mut().expect("writer was just created"),
            &self.fields,
        )
    }

    /// Take the index's single writer now, so that a second writer fails before it stores
    /// anything rather than halfway through a batch.
    pub fn claim_writer(&self) -> Result<(), SearchError> {
        self.with_writer(|_, _| Ok(()))
    }

    /// Add (or replace) a document. Visible to searches after [`SearchIndex::commit`].
    pub fn add(&self, record: &DocumentRecord, pages: &[String]) -> Result<(), SearchError> {
        let doc = self.to_document(record, pages);
        self.with_writer(|w, f| {
            w.delete_term(Term::from_field_text(f.id, &record.id));
            w.add_document(doc)?;
            Ok(())
        })
    }

    pub fn delete(&self, id: &str) -> Result<(), SearchError> {
        self.with_writer(|w, f| {
            w.delete_term(Term::from_field_text(f.id, id));
            Ok(())
        })
    }

    pub fn delete_all(&self) -> Result<(), SearchError> {
        self.with_writer(|w, _| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    /// Make pending changes durable and visible.
    pub fn commit(&self) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(writer) = guard.as_mut() {
            writer.commit()?;
            self.reader.reload()?;
        }
        Ok(())
    }

    fn to_document(&self, record: &DocumentRecord, pages: &[String]) -> TantivyDocument {
        let f = &self.fields;
        let m = &record.metadata;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &record.id);
        if let Some(number) = &m.number {
            for key in number.search_keys() {
                doc.add_text(f.number_keys, key);
            }
        }
        let title = record.display_title();
        doc.add_text(f.title, &title);
        doc.add_text(f.title_folded, &title);
        // A book is found by the places it is about and who published it, even when its pages
        // name them differently.
        let book_line = m.book.as_ref().map(|b| {
            let parts = [
                &b.province,
                &b.district,
                &b.commune,
                &b.publisher,
                &b.subtitle,
            ];
            let mut parts: Vec<&str> = parts.into_iter().flatten().map(String::as_str).collect();
            parts.extend(b.authors.iter().map(String::as_str));
            parts.join(". ")
        });
        for page in pages.iter().chain(&book_line) {
            doc.add_text(f.body, page);
            doc.add_text(f.body_folded, page);
            doc.add_text(f.pairs, page);
            doc.add_text(f.pairs_folded, page);
        }
        if let Some(t) = m.doc_type {
            doc.add_facet(f.facets, Facet::from_path(["loai", query::type_facet(t)]));
        }
        if let Some(n) = &m.number {
            doc.add_facet(f.facets, Facet::from_path(["coquan", n.issuer.as_str()]));
        }
        if let Some(date) = m.issued {
            use chrono::Datelike;
            doc.add_facet(
                f.facets,
                Facet::from_path(["nam", date.year().to_string().as_str()]),
            );
            doc.add_u64(f.year, date.year() as u64);
        }
        let days = m.issued.and_then(|d| {
            d.signed_duration_since(chrono::NaiveDate::default())
                .num_days()
                .try_into()
                .ok()
        });
        doc.add_u64(f.issued, days.unwrap_or(0));
        doc.add_u64(f.level, m.classification.level() as u64);
        if let Some(term) = m.term_number() {
            doc.add_u64(f.term, term as u64);
        }
        doc.add_u64(f.revision, revision(record));
        doc
    }

    /// The catalog id stored with an indexed document.
    fn id_at(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
    ) -> Result<Option<String>, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// Ids of every indexed document.
    pub fn ids(&self) -> Result<HashSet<String>, SearchError> {
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&AllQuery, &DocSetCollector)?;
        addresses
            .into_iter()
            .filter_map(|address| self.id_at(&searcher, address).transpose())
            .collect()
    }

    /// Every indexed id with the revision its entry was built from ([`revision`]).
    pub fn revisions(&self) -> Result<HashMap<String, u64>, SearchError> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64("revision")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let address = tantivy::DocAddress::new(ord as u32, doc);
                if let Some(id) = self.id_at(&searcher, address)? {
                    out.insert(id, column.first(doc).unwrap_or(0));
                }
            }
        }
        Ok(out)
    }

    pub fn contains(&self, id: &str) -> Result<bool, SearchError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&query, &Count)? > 0)
    }

    /// Type-ahead: documents whose number starts with what was typed (`05-CT`, `15/2020/N`),
    /// or whose title has the typed words in order, the last one possibly unfinished
    /// (`hoc tap va lam th`). Numbers first, then titles; only what `max_level` may see.
    pub fn suggest(
        &self,
        text: &str,
        limit: usize,
        max_level: u8,
    ) -> Result<Vec<String>, SearchError> {
        let text = vietnamese::normalize(text);
        let folded = vietnamese::folded_syllables(&text);
        if folded.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let f = &self.fields;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A number being typed: keys are folded, upper case, without leading zeros.
        let key = vietnamese::fold(text.trim())
            .to_uppercase()
            .replace(' ', "")
            .trim_start_matches('0')
            .to_string();
        if key.starts_with(|c: char| c.is_ascii_digit()) {
            let prefix = PhrasePrefixQuery::new(vec![Term::from_field_text(f.number_keys, &key)]);
            alternatives.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(prefix), 100.0)),
            ));
        }
        // `chỉ thị 05`: every carrier of the number the words name.
        if let Some(number) = ParsedQuery::parse(&text).number {
            alternatives.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(
                    query::carrier_query(&number.keys, f),
                    100.0,
                )),
            ));
        }
        let mut terms: Vec<Term> = folded
            .iter()
            .map(|t| Term::from_field_text(f.title_folded, &t.text))
            .collect();
        let finished = text.ends_with(char::is_whitespace);
        let titles: Box<dyn Query> = match (finished, terms.len()) {
            (true, 1) => Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::WithFreqs,
            )),
            (true, _) => Box::new(PhraseQuery::new(terms)),
            (false, _) => {
                let mut q = PhrasePrefixQuery::new(terms);
                q.set_max_expansions(200);
                Box::new(q)
            }
        };
        alternatives.push((Occur::Should, titles));
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>,
            ),
            (Occur::MustNot, query::hidden_above(max_level)),
        ]);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit))?;
        top.into_iter()
            .filter_map(|(_, address)| self.id_at(&searcher, address).transpose())
            .collect()
    }

    /// Run a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = ParsedQuery::parse(&request.text);
        let results = self.run(&parsed, request, WordMatch::All)?;
        // Every syllable first; when no document has them all, any of them. Not for a number:
        // a number nobody carries or cites has no answer, and its syllables (`tu`, `bc`) would
        // match half the library.
        if results.total == 0 && parsed.number.is_none() {
            return self.run(&parsed, request, WordMatch::Any);
        }
        Ok(results)
    }

    fn run(
        &self,
        parsed: &ParsedQuery,
        request: &SearchRequest,
        mode: WordMatch,
    ) -> Result<SearchResults, SearchError> {
        let query = query::build(parsed, request, &self.fields, mode, &self.ranking);
        let searcher = self.reader.searcher();
        let mut facets = FacetCollector::for_field("facets");
        for root in ["/loai", "/coquan", "/nam"] {
            facets.add_facet(root);
        }
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (total, top, facet_counts) = if parsed.is_browse() {
            // No words and no number: newest first.
            let newest = top.order_by_fast_field::<u64>("issued", Order::Desc);
            let (total, top, facets) = searcher.search(&query, &(Count, newest, facets))?;
            (
                total,
                top.into_iter().map(|(_, address)| (0.0, address)).collect(),
                facets,
            )
        } else {
            let stats = LengthScaled {
                searcher: &searcher,
                scale: self.ranking.length_scale,
            };
            searcher.search_with_statistics_provider(&query, &(Count, top, facets), &stats)?
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            if let Some(id) = self.id_at(&searcher, address)? {
                hits.push((id, score));
            }
        }
        let count = |root: &str| -> Vec<(String, u64)> {
            let mut v: Vec<(String, u64)> = facet_counts
                .get(root)
                .map(|(facet, n)| {
                    (
                        facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        n,
                    )
                })
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        let mut years = count("/nam");
        years.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(SearchResults {
            total,
            hits,
            facets: Facets {
                types: count("/loai"),
                issuers: count("/coquan"),
                years,
            },
            terms: parsed.folded_terms(),
        })
    }
}

/// What an index entry was built from, as a number: the first 8 bytes of the SHA-256 of the
/// record's metadata (JSON) and page count. Text never changes for an id (the id is the file's
/// checksum), so this tells a current entry from one the catalog has since corrected.
pub fn revision(record: &DocumentRecord) -> u64 {
    let json = serde_json::to_string(&record.metadata).unwrap_or_default();
    let hex = crate::library::sha256_hex(format!("{json}\n{}", record.page_count).as_bytes());
    u64::from_str_radix(&hex[..16], 16).unwrap_or(0)
}
