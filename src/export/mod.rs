//! Export of documents and books to portable formats.
//!
//! * [`epub`] renders an EPUB 3 file (`vi` language, title page, one XHTML
//!   file per chapter, nested table of contents) that passes epubcheck with
//!   no error and no warning, byte for byte deterministic for a given input.
//! * [`book`](mod@book) renders a book (a local history): generated [`cover`], title page with
//!   its publication data, nested parts and chapters, a page list of the printed page numbers.
//! * [`anthology`](mod@anthology) renders the documents a search found as one book, a chapter
//!   per document.
//! * [`epubcheck`](mod@epubcheck) runs the real epubcheck (Debian package `epubcheck`) on a
//!   file; tests use it to validate what we produce.

pub mod anthology;
pub mod book;
pub mod cover;
mod document;
pub mod epub;
pub mod epubcheck;

pub use anthology::{anthology_epub, Anthology};
pub use book::{book_cover, book_epub};
pub use document::document_epub;
pub use epub::{render_epub, EpubSource, Section};
pub use epubcheck::epubcheck;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The source has nothing to put in the body of the book.
    #[error("nothing to export: the document has no section")]
    NoSections,
    /// epub-builder refused the content or failed to render its templates.
    #[error("EPUB builder: {0}")]
    EpubBuilder(#[from] epub_builder::Error),
    /// epub-builder's output did not look like the version we post-process.
    #[error("unexpected EPUB builder output: {0}")]
    UnexpectedBuilderOutput(String),
    /// Reading or re-writing the ZIP container failed.
    #[error("ZIP container: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The cover could not be drawn (its font is missing).
    #[error("không vẽ được bìa sách: {0}")]
    Cover(String),
    /// Writing the result failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}
