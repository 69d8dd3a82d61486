//! What a document says about itself: its number ("số, ký hiệu"), its header metadata
//! (issuer, place, date, title, marks, signer) and the document numbers it cites.
//!
//! `number` owns the symbols (`05-CT/TW`, `15/2020/NĐ-CP`), their search keys and number queries;
//! `metadata` owns reading a document's text for everything else; `term` knows the Party
//! Central Committee terms (khóa) and their dates; `chapters` finds the parts, chapters and
//! sections of a long document or book, with their start pages.

mod book;
pub mod chapters;
mod dates;
mod layout;
mod marks;
pub mod metadata;
pub mod number;
pub mod term;

pub use book::{extract_book_metadata, printed_page_labels, BookInfo, BookSidecar, SidecarError};
pub use chapters::{detect_chapters, Chapter, ChapterLevel};
pub use layout::reflow;
pub use metadata::{
    extract_metadata, extract_references, Classification, DocType, Metadata, Reference, Signer,
    Urgency,
};
pub use number::{DocumentNumber, NumberForm, NumberQuery};
pub use term::central_committee_term;
