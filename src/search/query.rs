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
use crate::document::{DocType, NumberQuery};
use crate::vietnamese::{self, exact_syllables, folded_syllables, has_marks};

/// Score given to every carrier of the number the query names: far above any text score, so
/// carriers always rank before documents that only cite the number.
const CARRIER_SCORE: f32 = 1000.0;
/// Extra score for a carrier from the year the query names (`27-NQ/TW 2022`).
const CARRIER_YEAR_SCORE: f32 = 200.0;
/// Extra score for a carrier from the term the query names (`nghị quyết 27 khóa X`).
const CARRIER_TERM_SCORE: f32 = 200.0;

/// What to search for and what the searcher may see.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub text: String,
    pub limit: usize,
    pub offset: usize,
    /// Highest classification level visible (0 = public only).
    pub max_level: u8,
    /// Filters chosen in the interface; filters typed in the query add to them.
    pub filters: Filters,
}

impl SearchRequest {
    pub fn new(text: &str, limit: usize, max_level: u8) -> SearchRequest {
        SearchRequest {
            text: text.to_string(),
            limit,
            offset: 0,
            max_level,
            filters: Filters::default(),
        }
    }
}

/// Restrictions on what a search returns. Types are given by code (`CT`, `QĐ`, `qd`) or name
/// (`chỉ thị`); issuers by the code in the number (`TW`, `TU`, `UBND`); years as a range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    /// Inclusive; `None` at either end is open.
    pub years: Option<(Option<i32>, Option<i32>)>,
}

impl Filters {
    /// `2020`, `2016..2020`, `2016-2020`, `..2020`, `2016..`.
    pub fn parse_years(text: &str) -> Option<(Option<i32>, Option<i32>)> {
        let text = text.trim();
        let year = |s: &str| -> Result<Option<i32>, ()> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            match s.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => Ok(Some(y)),
                _ => Err(()),
            }
        };
        let (from, to) = match text
            .split_once("..")
            .or_else(|| text.split_once(['-', '–']))
        {
            Some((a, b)) => (year(a).ok()?, year(b).ok()?),
            None => {
                let y = year(text).ok()??;
                (Some(y), Some(y))
            }
        };
        (from.is_some() || to.is_some()).then_some((from, to))
    }

    /// The years as the interface writes them back (`2016..2020`, `2020`).
    pub fn years_text(&self) -> Option<String> {
        let (from, to) = self.years?;
        Some(match (from, to) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (a, b) => format!(
                "{}..{}",
                a.map(|y| y.to_string()).unwrap_or_default(),
                b.map(|y| y.to_string()).unwrap_or_default()
            ),
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A query string, understood.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    /// Normalized query text, without the filters and quotes typed in it.
    pub text: String,
    pub number: Option<NumberQuery>,
    /// Whether the user typed any diacritics.
    pub accented: bool,
    /// `"…"` in the query: these words must occur together, in this order.
    pub phrases: Vec<String>,
    /// The text outside the quotes: the words scored one by one.
    pub loose_words: String,
    /// `loai:CT`, `co-quan:TW`, `nam:2016..2020` typed in the query.
    pub filters: Filters,
}

/// `key:value` filters typed in a query; keys are compared without diacritics.
static FILTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"(?i)(?:^|\s)([\p{L}-]+)\s*:\s*("[^"]*"|\S+)"#).expect("filter pattern")
});

/// Quoted phrases, with straight or typographic quotes.
static PHRASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#""([^"]+)"|“([^”]+)”"#).expect("phrase pattern")
});

impl ParsedQuery {
    pub fn parse(raw: &str) -> ParsedQuery {
        let normalized = vietnamese::normalize(raw);
        let mut filters = Filters::default();
        let without_filters = FILTER.replace_all(&normalized, |caps: &regex::Captures| {
            let value = caps[2].trim_matches('"').trim().to_string();
            let key = vietnamese::fold(&caps[1]).to_lowercase().replace('-', "");
            match key.as_str() {
                "loai" | "type" if !value.is_empty() => filters.doc_type = Some(value),
                "coquan" | "issuer" if !value.is_empty() => filters.issuer = Some(value),
                "nam" | "year" => match Filters::parse_years(&value) {
                    Some(years) => filters.years = Some(years),
                    None => return caps[0].to_string(),
                },
                // Not a filter (`Số: 05-CT/TW`, `V/v: …`): leave the text as typed.
                _ => return caps[0].to_string(),
            }
            " ".to_string()
        });
        let phrases: Vec<String> = PHRASE
            .captures_iter(&without_filters)
            .filter_map(|c| c.get(1).or_else(|| c.get(2)))
            .map(|m| m.as_str().trim().to_string())
            .filter(|p| folded_syllables(p).len() > 1)
            .collect();
        let text = without_filters
            .replace(['"', '“', '”'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let number = NumberQuery::parse(&text);
        let loose_words = PHRASE
            .replace_all(&without_filters, " ")
            .replace(['"', '“', '”'], " ");
        ParsedQuery {
            accented: has_marks(&text),
            number,
            text,
            phrases,
            loose_words,
            filters,
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

/// How free words are scored: field weights, and when every word is required. Tuned on a
/// Vietnamese legal retrieval set (`vankien eval`, docs/search-quality.md); the document-number
/// part of a query is not affected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    pub title_exact: f32,
    pub body_exact: f32,
    pub title_folded: f32,
    pub body_folded: f32,
    pub pairs_exact: f32,
    pub pairs_folded: f32,
    /// Queries of up to this many syllables need every syllable (falling back to any when
    /// nothing has them all); longer ones (questions, pasted sentences) rank by what matches.
    pub all_words_up_to: usize,
    /// Factor on the pair weights for those short queries.
    pub short_query_pairs: f32,
    /// Factor applied to the average text length BM25 sees. tantivy fixes k1 = 1.2 and
    /// b = 0.75; a factor s gives k1' = k1·(1 − b + b/s) and b' = (b/s)/(1 − b + b/s), up to a
    /// constant factor: s = 3 is k1 = 0.6, b = 0.5, which suits short official texts better.
    pub length_scale: f64,
}

impl Ranking {
    /// What vankien uses.
    pub const TUNED: Ranking = Ranking {
        title_exact: 0.5,
        body_exact: 1.0,
        title_folded: 0.5,
        body_folded: 0.7,
        pairs_exact: 1.5,
        pairs_folded: 1.0,
        all_words_up_to: 4,
        short_query_pairs: 4.0,
        length_scale: 3.0,
    };

    /// The reference point: plain BM25 over accented syllables and syllable pairs of the text.
    pub const PLAIN_BM25: Ranking = Ranking {
        title_exact: 0.0,
        body_exact: 1.0,
        title_folded: 0.0,
        body_folded: 0.0,
        pairs_exact: 1.0,
        pairs_folded: 0.0,
        all_words_up_to: 0,
        short_query_pairs: 1.0,
        length_scale: 1.0,
    };
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking::TUNED
    }
}

/// The free-text part: each syllable in the accented and folded fields, and adjacent syllable
/// pairs (most Vietnamese words are two syllables), which also reward words kept together.
fn words_query(
    parsed: &ParsedQuery,
    f: &Fields,
    mode: WordMatch,
    w: &Ranking,
) -> Option<Box<dyn Query>> {
    let exact = exact_syllables(&parsed.loose_words);
    let folded = folded_syllables(&parsed.loose_words);
    if folded.is_empty() {
        return None;
    }
    let occur = if mode == WordMatch::All && folded.len() <= w.all_words_up_to {
        Occur::Must
    } else {
        Occur::Should
    };
    // Words typed with marks match exactly first; unaccented input only uses the folded fields,
    // where a literal unaccented word would otherwise get an unfair edge (unless the ranking
    // has no folded fields at all, as plain BM25 does not).
    let has_folded = w.title_folded > 0.0 || w.body_folded > 0.0 || w.pairs_folded > 0.0;
    let use_exact = parsed.accented || !has_folded;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (e, fo) in exact.iter().zip(&folded) {
        let mut candidates = vec![
            (f.title_folded, &fo.text, w.title_folded),
            (f.body_folded, &fo.text, w.body_folded),
        ];
        if use_exact {
            candidates.push((f.title, &e.text, w.title_exact));
            candidates.push((f.body, &e.text, w.body_exact));
        }
        let alternatives: Vec<_> = candidates
            .into_iter()
            .filter(|(_, _, weight)| *weight > 0.0)
            .map(|(field, text, weight)| term(field, text, weight))
            .collect();
        if !alternatives.is_empty() {
            clauses.push((occur, Box::new(BooleanQuery::new(alternatives))));
        }
    }
    // In a short query the words are usually one compound (`dân vận`, `Hội An`): the words
    // side by side matter more than each word's frequency.
    let pair_boost = if folded.len() <= w.all_words_up_to {
        w.short_query_pairs
    } else {
        1.0
    };
    for (fold, field, weight) in [
        (false, f.pairs, w.pairs_exact),
        (true, f.pairs_folded, w.pairs_folded),
    ] {
        if weight <= 0.0 || (!fold && !use_exact) {
            continue;
        }
        for pair in vietnamese::syllable_pairs(&parsed.loose_words, fold) {
            clauses.push(term(field, &pair.text, weight * pair_boost));
        }
    }
    if clauses.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// The facet value a document type is filed under: its name, since codes are shared
/// (`TT` is a Party Thông tri and a State Thông tư).
pub fn type_facet(t: DocType) -> &'static str {
    t.name()
}

/// The types a filter value names: a code (`CT`, `qd`, `TT` = both Thông tri and Thông tư) or a
/// name (`chỉ thị`, `chi-thi`), compared without diacritics or case.
pub fn types_named(value: &str) -> Vec<DocType> {
    let key = |s: &str| {
        vietnamese::fold(s)
            .to_lowercase()
            .replace(['-', '_', ' '], "")
    };
    let wanted = key(value);
    DocType::all()
        .iter()
        .copied()
        .filter(|t| key(t.code()) == wanted || key(t.name()) == wanted)
        .collect()
}

fn facet_term(f: &Fields, path: [&str; 2]) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(f.facets, &Facet::from_path(path)),
        IndexRecordOption::Basic,
    ))
}

/// Required clauses for a set of filters. An unknown type matches nothing rather than being
/// ignored: a filter the reader asked for must never silently widen the results.
fn filter_clauses(filters: &Filters, f: &Fields) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(value) = &filters.doc_type {
        let any_type = types_named(value)
            .into_iter()
            .map(|t| (Occur::Should, facet_term(f, ["loai", type_facet(t)])))
            .collect::<Vec<_>>();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_type))));
    }
    if let Some(issuer) = &filters.issuer {
        // Issuer codes are filed as printed (`TW`, `BTGTU`); accept any case and `D` for `Đ`.
        let code = issuer.trim().to_uppercase();
        let mut spellings = vec![code.clone()];
        if code.contains('D') {
            spellings.push(code.replace('D', "Đ"));
        }
        let any = spellings
            .iter()
            .map(|c| (Occur::Should, facet_term(f, ["coquan", c])))
            .collect::<Vec<_>>();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    if let Some((from, to)) = filters.years {
        let from = from.map(|y| y.max(0) as u64).unwrap_or(1);
        let to = to.map(|y| y.max(0) as u64).unwrap_or(9999);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new_u64("year".to_string(), from..to + 1)),
        ));
    }
    clauses
}

/// Words that must occur together and in order, with or without diacritics as typed. Its
/// BM25 score ranks the documents; its words are not scored again one by one (at 100,000
/// documents that doubled the time of a quoted query of common words).
///
/// The phrase is matched on the pair fields, chaining its adjacent pairs (`a b`, `b c` at the
/// next position): a pair is far rarer than either of its syllables, so common words no longer
/// mean walking the positions of a third of the archive, and the body needs no positions of
/// its own. Pairs never bridge punctuation, so a phrase matches words written together, as a
/// reader means by quotes. Punctuation inside the quotes keeps the pairs on either side at
/// their distance; a word standing alone between punctuation marks must only occur.
fn phrase_query(phrase: &str, f: &Fields) -> Box<dyn Query> {
    let fold = !has_marks(phrase);
    let (word_field, pair_field, syllables) = if fold {
        (f.body_folded, f.pairs_folded, folded_syllables(phrase))
    } else {
        (f.body, f.pairs, exact_syllables(phrase))
    };
    let pairs = vietnamese::syllable_pairs(phrase, fold);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    match pairs.as_slice() {
        [] => {}
        [pair] => clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(pair_field, &pair.text),
                IndexRecordOption::WithFreqs,
            )),
        )),
        _ => {
            let terms = pairs
                .iter()
                .map(|p| (p.position, Term::from_field_text(pair_field, &p.text)))
                .collect();
            clauses.push((Occur::Must, Box::new(PhraseQuery::new_with_offset(terms))));
        }
    }
    // Syllables in no pair: `a` in `"a, b c"`.
    let paired = |position: usize| {
        pairs
            .iter()
            .any(|p| p.position == position || p.position + 1 == position)
    };
    for (position, syllable) in syllables.iter().enumerate() {
        if !paired(position) {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(word_field, &syllable.text),
                    IndexRecordOption::WithFreqs,
                )),
            ));
        }
    }
    match clauses.len() {
        1 => clauses.pop().expect("one clause").1,
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// Documents above a clearance. Visibility excludes these rather than requiring the visible
/// ones: the hidden few are cheap to skip, where requiring "level ≤ n" walks nearly every
/// document on every query.
pub fn hidden_above(max_level: u8) -> Box<dyn Query> {
    Box::new(RangeQuery::new_u64(
        "level".to_string(),
        max_level as u64 + 1..u64::MAX,
    ))
}

/// Documents whose own number has any of these keys.
pub fn carrier_query(keys: &[String], f: &Fields) -> Box<dyn Query> {
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
    ranking: &Ranking,
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
    if let Some(words) = words_query(parsed, f, mode, ranking) {
        scoring.push((Occur::Should, words));
    }
    // Quoted phrases are required; with nothing else to score they rank on their own.
    let phrases: Vec<(Occur, Box<dyn Query>)> = parsed
        .phrases
        .iter()
        .map(|p| (Occur::Must, phrase_query(p, f)))
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if scoring.is_empty() && phrases.is_empty() {
        // No words: an empty query (or `*`) browses everything the filters allow.
        if !parsed.text.trim_matches(['*', ' ']).is_empty() {
            return Box::new(EmptyQuery);
        }
        scoring.push((Occur::Should, Box::new(AllQuery)));
    }
    if !scoring.is_empty() {
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(scoring))));
    }
    clauses.extend(phrases);
    clauses.push((Occur::MustNot, hidden_above(request.max_level)));
    for filters in [&request.filters, &parsed.filters] {
        clauses.extend(filter_clauses(filters, f));
    }
    Box::new(BooleanQuery::new(clauses))
}
