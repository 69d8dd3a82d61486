//! The index schema. Every field is derived from the catalog; bump [`SCHEMA_VERSION`] whenever a
//! field or analyzer changes, and the index is rebuilt from the library on next open.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};

use crate::vietnamese::{
    EXACT_ANALYZER, EXACT_PAIRS_ANALYZER, FOLDED_ANALYZER, FOLDED_PAIRS_ANALYZER,
};

pub const SCHEMA_VERSION: u32 = 8;

/// Handles to the index fields.
#[derive(Clone, Copy)]
pub struct Fields {
    /// Catalog id, stored: the only thing a hit returns.
    pub id: Field,
    /// Folded number keys (`5-CT/TW`, `CT:5`, `ND:15/2020`) of the document's own number.
    pub number_keys: Field,
    pub title: Field,
    pub title_folded: Field,
    pub body: Field,
    pub body_folded: Field,
    /// Adjacent syllable pairs of the text, with and without marks, at the position of their
    /// first syllable (quoted phrases chain them).
    pub pairs: Field,
    pub pairs_folded: Field,
    /// `/loai/Chỉ thị`, `/coquan/TW`, `/nam/2016`.
    pub facets: Field,
    pub year: Field,
    /// Days since 1970-01-01 of the issue date (0 when unknown): newest-first browsing.
    pub issued: Field,
    /// Classification level (0 public … 3 tối mật): visibility is filtered inside the query.
    pub level: Field,
    /// The term (khóa) number, stated or derived from a central document's date (see
    /// `Metadata::term_number`): tells `27-NQ/TW` of khóa X from that of khóa XIII.
    pub term: Field,
    /// A checksum of what the entry was built from (metadata and page count): `verify` tells
    /// an entry the catalog has since changed (an edit cut short by a crash) from a current one.
    pub revision: Field,
}

fn text(analyzer: &str) -> TextOptions {
    indexed(analyzer, IndexRecordOption::WithFreqsAndPositions)
}

fn indexed(analyzer: &str, option: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(option),
    )
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        number_keys: b.add_text_field("number_keys", STRING),
        title: b.add_text_field("title", text(EXACT_ANALYZER)),
        title_folded: b.add_text_field("title_folded", text(FOLDED_ANALYZER)),
        // Phrases are matched on the pairs' positions, so the body keeps frequencies only.
        body: b.add_text_field(
            "body",
            indexed(EXACT_ANALYZER, IndexRecordOption::WithFreqs),
        ),
        body_folded: b.add_text_field(
            "body_folded",
            indexed(FOLDED_ANALYZER, IndexRecordOption::WithFreqs),
        ),
        pairs: b.add_text_field(
            "pairs",
            indexed(
                EXACT_PAIRS_ANALYZER,
                IndexRecordOption::WithFreqsAndPositions,
            ),
        ),
        pairs_folded: b.add_text_field(
            "pairs_folded",
            indexed(
                FOLDED_PAIRS_ANALYZER,
                IndexRecordOption::WithFreqsAndPositions,
            ),
        ),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        year: b.add_u64_field("year", INDEXED | FAST),
        issued: b.add_u64_field("issued", FAST),
        level: b.add_u64_field("level", INDEXED | FAST),
        term: b.add_u64_field("term", INDEXED),
        revision: b.add_u64_field("revision", FAST),
    };
    (b.build(), fields)
}
