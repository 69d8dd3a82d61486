//! Query understanding: a document number (in any of the forms cadres type) and free words, each
//! matched with and without diacritics; filters and visibility as required clauses.

use std::collections::HashSet;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

use super::schema::Fields;
use crate::document::NumberQuery;
use crate::vietnamese::{self, exact_syllables, folded_syllables, has_marks};

/// Score given to every carrier of the number the query names: far above any text score, so
/// carriers always rank before documents that only cite the number.
const CARRIER_SCORE: f32 = 1000.0;
/// Extra score for a carrier from the year the query names (`27-NQ/TW 2022`).
const CARRIER_YEAR_SCORE: f32 = 200.0;
/// Extra score for a carrier from the term the query names (`nghị quyết 27 khóa X`).
const CARRIER_TERM_SCORE: f32 = 200.0;
/// Weight of the query's syllables appearing together, in order.
const PHRASE_BOOST: f32 = 2.0;

/// What to search for and what the searcher may see.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub text: String,
    pub limit: usize,
    pub offset: usize,
    /// Highest classification level visible (0 = public only).
    pub max_level: u8,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub year: Option<i32>,
}

impl SearchRequest {
    pub fn new(text: &str, limit: usize, max_level: u8) -> SearchRequest {
        SearchRequest {
            text: text.to_string(),
            limit,
            offset: 0,
            max_level,
            doc_type: None,
            issuer: None,
            year: None,
        }
    }
}

/// A query string, understood.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    /// Normalized query text.
    pub text: String,
    pub number: Option<NumberQuery>,
    /// Whether the user typed any diacritics.
    pub accented: bool,
}

impl ParsedQuery {
    pub fn parse(raw: &str) -> ParsedQuery {
        let text = vietnamese::normalize(raw).trim().to_string();
        let number = NumberQuery::parse(&text);
        ParsedQuery {
            accented: has_marks(&text),
            number,
            text,
        }
    }

    /// A query with neither words nor a number: list what the filters allow.
    pub fn is_browse(&self) -> bool {
        self.number.is_none() && folded_syllables(&self.text).is_empty()
    }

    /// The folded syllables of the query, for snippets and highlighting.
    pub fn folded_terms(&self) -> HashSet<String> {
        folded_syllables(&self.text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }
}

fn term(field: tantivy::schema::Field, text: &str, boost: f32) -> (Occur, Box<dyn Query>) {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
}

/// Whether every syllable of the query must occur, or any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    All,
    Any,
}

/// The free-text part: each syllable in the accented and folded fields, the whole query as a
/// phrase for a proximity bonus.
fn words_query(parsed: &ParsedQuery, f: &Fields, mode: WordMatch) -> Option<Box<dyn Query>> {
    let exact = exact_syllables(&parsed.text);
    let folded = folded_syllables(&parsed.text);
    if folded.is_empty() {
        return None;
    }
    let occur = if mode == WordMatch::All {
        Occur::Must
    } else {
        Occur::Should
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (e, fo) in exact.iter().zip(&folded) {
        let mut alternatives = Vec::new();
        // Words typed with marks match exactly first; unaccented input only uses the folded
        // fields, where a literal unaccented word would otherwise get an unfair edge.
        if parsed.accented {
            alternatives.push(term(f.title, &e.text, 3.0));
            alternatives.push(term(f.body, &e.text, 1.5));
        }
        alternatives.push(term(f.title_folded, &fo.text, 2.0));
        alternatives.push(term(f.body_folded, &fo.text, 1.0));
        clauses.push((occur, Box::new(BooleanQuery::new(alternatives))));
    }
    if folded.len() > 1 {
        let terms = |field| {
            folded
                .iter()
                .map(|t| Term::from_field_text(field, &t.text))
                .collect::<Vec<_>>()
        };
        let mut body = PhraseQuery::new(terms(f.body_folded));
        body.set_slop(2);
        let mut title = PhraseQuery::new(terms(f.title_folded));
        title.set_slop(2);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(body), PHRASE_BOOST)),
        ));
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(title), 2.0 * PHRASE_BOOST)),
        ));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Documents whose own number has any of these keys.
fn carrier_query(keys: &[String], f: &Fields) -> Box<dyn Query> {
    let clauses = keys
        .iter()
        .map(|k| {
            let q = TermQuery::new(
                Term::from_field_text(f.number_keys, k),
                IndexRecordOption::Basic,
            );
            (Occur::Should, Box::new(q) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Carriers whose u64 `field` (year, term) has `value`, scored `score`.
fn carriers_where(
    carriers: &dyn Query,
    field: tantivy::schema::Field,
    value: u64,
    score: f32,
) -> (Occur, Box<dyn Query>) {
    let value = TermQuery::new(Term::from_field_u64(field, value), IndexRecordOption::Basic);
    let both = BooleanQuery::new(vec![
        (Occur::Must, carriers.box_clone()),
        (Occur::Must, Box::new(value)),
    ]);
    (
        Occur::Should,
        Box::new(ConstScoreQuery::new(Box::new(both), score)),
    )
}

/// Build the tantivy query: (number carriers ∨ words) ∧ filters ∧ visibility.
pub fn build(
    parsed: &ParsedQuery,
    request: &SearchRequest,
    f: &Fields,
    mode: WordMatch,
) -> Box<dyn Query> {
    let mut scoring: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(number) = &parsed.number {
        let carriers = carrier_query(&number.keys, f);
        if let Some(year) = number.year {
            scoring.push(carriers_where(
                carriers.as_ref(),
                f.year,
                year as u64,
                CARRIER_YEAR_SCORE,
            ));
        }
        if let Some(term) = number.term {
            scoring.push(carriers_where(
                carriers.as_ref(),
                f.term,
                term as u64,
                CARRIER_TERM_SCORE,
            ));
        }
        scoring.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(carriers, CARRIER_SCORE)),
        ));
    }
    if let Some(words) = words_query(parsed, f, mode) {
        scoring.push((Occur::Should, words));
    }
    if scoring.is_empty() {
        // No words: an empty query (or `*`) browses everything the filters allow.
        if !parsed.text.trim_matches(['*', ' ']).is_empty() {
            return Box::new(EmptyQuery);
        }
        scoring.push((Occur::Should, Box::new(AllQuery)));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(scoring)))];
    let visible = RangeQuery::new_u64("level".to_string(), 0..request.max_level as u64 + 1);
    clauses.push((Occur::Must, Box::new(visible)));
    let facet = |path: [&str; 2]| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_facet(f.facets, &Facet::from_path(path)),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(t) = &request.doc_type {
        clauses.push((Occur::Must, facet(["loai", t])));
    }
    if let Some(i) = &request.issuer {
        clauses.push((Occur::Must, facet(["coquan", i])));
    }
    if let Some(y) = request.year {
        clauses.push((Occur::Must, facet(["nam", &y.to_string()])));
    }
    Box::new(BooleanQuery::new(clauses))
}
