//! Ranking quality on ALQAC 2024 (Vietnamese legal retrieval): 2,249 law articles and questions
//! with their relevant articles. Every article is indexed through the product's own schema and
//! analyzers and every question goes through the product's own query understanding, so the
//! figures measure what a reader gets, not a side experiment.
//!
//! Metrics per question set, for the questions as written and with their diacritics stripped:
//! R@1, R@10 (share of questions with a relevant article in the first 1 / 10 hits) and MRR@10.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::BenchError;
use crate::document::Metadata;
use crate::library::{DocumentRecord, Kind};
use crate::search::{Ranking, SearchIndex, SearchRequest};
use crate::vietnamese;

/// The question sets shipped with the data, by file name.
pub const QUESTION_SETS: [(&str, &str); 2] = [
    ("verified", "verified_train.json"),
    ("unverified", "unverified_train.json"),
];

#[derive(Deserialize)]
struct Law {
    id: String,
    articles: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct Question {
    text: String,
    relevant_articles: Vec<Relevant>,
}

#[derive(Deserialize)]
struct Relevant {
    law_id: String,
    article_id: String,
}

fn article_key(law: &str, article: &str) -> String {
    format!("{law}#{article}")
}

/// Retrieval figures for one question set typed one way.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Metrics {
    pub questions: usize,
    pub recall_at_1: f64,
    pub recall_at_10: f64,
    pub mrr_at_10: f64,
}

/// One row of the report: a question set, as written or unaccented.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    /// `vankien` or `plain BM25` (syllables and pairs, accented, k1 = 1.2, b = 0.75).
    pub ranking: String,
    pub set: String,
    pub unaccented: bool,
    pub metrics: Metrics,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BenchError> {
    let bytes = std::fs::read(path).map_err(|source| BenchError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| BenchError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// The rankings compared: vankien's, the plain BM25 reference, and the steps between them, so
/// the table shows what each part contributes.
pub fn rankings() -> Vec<(&'static str, Ranking)> {
    let tuned = Ranking::TUNED;
    let plain = Ranking::PLAIN_BM25;
    let folded = Ranking {
        body_folded: tuned.body_folded,
        pairs_exact: tuned.pairs_exact,
        pairs_folded: tuned.pairs_folded,
        ..plain
    };
    let titled = Ranking {
        title_exact: tuned.title_exact,
        title_folded: tuned.title_folded,
        ..folded
    };
    vec![
        ("vankien", tuned),
        ("plain BM25", plain),
        ("+ unaccented fields", folded),
        ("+ title", titled),
    ]
}

/// Index every article of `data/law.json` into a fresh index at `index_dir`, then run every
/// question set found in `data`.
pub fn evaluate(data: &Path, index_dir: &Path) -> Result<Vec<Row>, BenchError> {
    let laws: Vec<Law> = read_json(&data.join("law.json"))?;
    let (mut index, _) = SearchIndex::open(index_dir)?;
    index.delete_all()?;
    // Catalog ids are hex in the product; here the article's position does the same job.
    let mut keys = Vec::new();
    for law in &laws {
        for article in &law.articles {
            let text = vietnamese::normalize(&article.text);
            // An article starts with its heading line: that is its title.
            // As the law prints it: the law's name, then `Điều N. Heading`, then the clauses.
            let (heading, clauses) = text.split_once('\n').unwrap_or((&text, ""));
            let title = format!("{} Điều {}. {}", law.id, article.id, heading.trim());
            let text = format!(
                "{}\nĐiều {}. {}\n{clauses}",
                law.id,
                article.id,
                heading.trim()
            );
            let record = DocumentRecord {
                id: keys.len().to_string(),
                sha256: String::new(),
                kind: Kind::Document,
                source_name: String::new(),
                format: "text".into(),
                media_type: "text/plain".into(),
                size: text.len() as u64,
                extractor: "text".into(),
                page_count: 1,
                ingested_at: String::new(),
                metadata: Metadata {
                    title: Some(title),
                    ..Metadata::default()
                },
            };
            index.add(&record, &[text])?;
            keys.push(article_key(&law.id, &article.id));
        }
    }
    index.commit()?;

    let mut sets = Vec::new();
    for (set, file) in QUESTION_SETS {
        let path = data.join(file);
        if path.exists() {
            sets.push((set, read_json::<Vec<Question>>(&path)?));
        }
    }
    let mut rows = Vec::new();
    for (name, ranking) in rankings() {
        index.set_ranking(ranking);
        for (set, questions) in &sets {
            for unaccented in [false, true] {
                rows.push(Row {
                    ranking: name.to_string(),
                    set: set.to_string(),
                    unaccented,
                    metrics: score_set(&index, &keys, questions, unaccented)?,
                });
            }
        }
    }
    Ok(rows)
}

fn score_set(
    index: &SearchIndex,
    keys: &[String],
    questions: &[Question],
    unaccented: bool,
) -> Result<Metrics, BenchError> {
    let mut m = Metrics {
        questions: questions.len(),
        ..Metrics::default()
    };
    for q in questions {
        let text = if unaccented {
            vietnamese::fold(&vietnamese::normalize(&q.text))
        } else {
            q.text.clone()
        };
        let relevant: Vec<String> = q
            .relevant_articles
            .iter()
            .map(|r| article_key(&r.law_id, &r.article_id))
            .collect();
        let results = index.search(&SearchRequest::new(&text, 10, u8::MAX))?;
        let rank = results.hits.iter().position(|(id, _)| {
            id.parse::<usize>()
                .ok()
                .and_then(|i| keys.get(i))
                .is_some_and(|k| relevant.contains(k))
        });
        if let Some(r) = rank {
            if r == 0 {
                m.recall_at_1 += 1.0;
            }
            m.recall_at_10 += 1.0;
            m.mrr_at_10 += 1.0 / (r as f64 + 1.0);
        }
    }
    let n = questions.len().max(1) as f64;
    m.recall_at_1 /= n;
    m.recall_at_10 /= n;
    m.mrr_at_10 /= n;
    Ok(m)
}

/// The rows as a Markdown table, with each unaccented row's share of the accented MRR@10.
pub fn table(rows: &[Row]) -> String {
    let mut accented: HashMap<(&str, &str), f64> = HashMap::new();
    for r in rows.iter().filter(|r| !r.unaccented) {
        accented.insert((&r.ranking, &r.set), r.metrics.mrr_at_10);
    }
    let mut out = String::from(
        "| ranking | set | questions | typed | R@1 | R@10 | MRR@10 | of accented MRR@10 |\n|---|---|---:|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let share = if r.unaccented {
            accented
                .get(&(r.ranking.as_str(), r.set.as_str()))
                .filter(|a| **a > 0.0)
                .map(|a| format!("{:.1}%", 100.0 * r.metrics.mrr_at_10 / a))
                .unwrap_or_default()
        } else {
            String::new()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {} |\n",
            r.ranking,
            r.set,
            r.metrics.questions,
            if r.unaccented {
                "without diacritics"
            } else {
                "as written"
            },
            r.metrics.recall_at_1,
            r.metrics.recall_at_10,
            r.metrics.mrr_at_10,
            share
        ));
    }
    out
}
