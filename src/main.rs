//! The `vankien` command line: parses arguments, calls the library, sets the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use vankien::accounts::{Accounts, Role};
use vankien::bench::ocr::EvalInput;
use vankien::bench::scans::ScanQuality;
use vankien::document::Classification;
use vankien::extract::ExtractConfig;
use vankien::library::ingest::{self, IngestOptions, IngestStatus};
use vankien::library::{verify, Kind};
use vankien::search::SearchRequest;
use vankien::{web, Archive};

#[derive(Parser)]
#[command(
    name = "vankien",
    version,
    about = "Kho văn bản số: văn kiện Đảng, văn bản Nhà nước, lịch sử Đảng bộ địa phương"
)]
struct Cli {
    /// Library folder (originals, catalog, samples).
    #[arg(
        long,
        global = true,
        env = "VANKIEN_LIBRARY",
        default_value = "library"
    )]
    library: PathBuf,
    /// Search index folder (derived; rebuilt when missing).
    #[arg(long, global = true, env = "VANKIEN_INDEX", default_value = "index")]
    index: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Document,
    Book,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Reader,
    Editor,
    Admin,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClearanceArg {
    Public,
    Internal,
    Mat,
    ToiMat,
}

#[derive(Subcommand)]
enum UserAction {
    /// Add an account; the password is read from standard input (one line).
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The highest classification the account may read.
        #[arg(long, value_enum)]
        clearance: ClearanceArg,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Disable an account; its sessions end at once.
    Disable { name: String },
    /// Enable a disabled account again.
    Enable { name: String },
    /// Change an account's password (read from standard input); its sessions end.
    Passwd {
        name: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files and folders (recursively).
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per line: each file's outcome, and `{"event":"page",…}` for every
        /// page of a scan as it is recognised.
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value = "document")]
        kind: KindArg,
    },
    /// Search documents by number or words.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show one document with its text.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List every document.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Export a document as EPUB 3.
    ExportEpub {
        id: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Rebuild the search index from the library.
    Reindex,
    /// Check that originals, catalog and index agree.
    Verify {
        /// Rebuild what is derived and quarantine what is not.
        #[arg(long)]
        repair: bool,
    },
    /// Manage accounts: who may log in, with which role and clearance.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Serve the web reader and JSON API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Measure ranking on the ALQAC 2024 legal retrieval set (R@1, R@10, MRR@10).
    Eval {
        /// Folder with law.json and the question files.
        #[arg(long, default_value = "../shared/data/alqac2024")]
        data: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Measure legacy-encoding repair: diacritic accuracy of TCVN3/VNI files against their
    /// transcripts (docs/legacy.md).
    EvalLegacy {
        /// Folder with the files (any depth) and truth/<stem>.txt.
        #[arg(long, default_value = "../shared/data/legacy")]
        data: PathBuf,
        #[arg(long)]
        json: bool,
        /// Also write each file's extracted text into this folder, to read the errors.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Score <DIR>/<stem>.txt written by another converter instead of extracting (to
        /// compare converters for .doc and .rtf).
        #[arg(long, value_name = "DIR")]
        converted: Option<PathBuf>,
    },
    /// Generate a corpus of realistic documents as .txt files, for load tests.
    Corpus {
        /// How many documents.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// The same seed gives the same documents.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write them into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// Generate N documents, ingest them and time each class of query (docs/performance.md).
    Bench {
        #[arg(long, default_value_t = 100_000)]
        documents: usize,
        /// Timed queries per class.
        #[arg(long, default_value_t = 300)]
        queries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Working folder (emptied first); keeps the library for the HTTP load test.
        #[arg(long)]
        work: Option<PathBuf>,
        /// Time the queries again on the library a previous run left in the working folder.
        #[arg(long)]
        reuse: bool,
        #[arg(long)]
        json: bool,
    },
    /// Time a search inside one 300-page book, in memory and with the index (ARCHITECTURE.md).
    BenchBook {
        /// Working folder (emptied first).
        #[arg(long)]
        work: Option<PathBuf>,
        /// Timed runs of each query.
        #[arg(long, default_value_t = 50)]
        repeat: usize,
        #[arg(long)]
        json: bool,
    },
    /// Generate scanned pages (A4, 300 dpi, degraded) with their true text.
    Scans {
        #[arg(long, default_value_t = 10)]
        pages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write the pages, scans.pdf and the truth into (created if missing).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "typical", value_parser = ["clean", "typical", "poor"])]
        quality: String,
        /// Also write all pages as one multi-page TIFF.
        #[arg(long)]
        tiff: bool,
    },
    /// Generate scans, OCR them with tesseract directly and through extraction; compare CER and pages/min.
    OcrEval {
        #[arg(long, default_value_t = 20)]
        pages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Working folder for the generated pages.
        #[arg(long)]
        work: PathBuf,
        #[arg(long, default_value = "typical", value_parser = ["clean", "typical", "poor"])]
        quality: String,
        /// What extraction is given: every page in one PDF or one TIFF.
        #[arg(long, default_value = "pdf", value_parser = ["pdf", "tiff"])]
        input: String,
        /// Time each side this many times, alternately, and keep the fastest.
        #[arg(long, default_value_t = 1)]
        runs: usize,
        #[arg(long)]
        json: bool,
    },
    /// Extract a PDF in isolation (used internally by ingest).
    #[command(hide = true)]
    PdfWorker { path: PathBuf },
}

fn main() -> ExitCode {
    // `vankien list | head` ends quietly when `head` has read enough, like any Unix tool.
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn open(cli: &Cli) -> anyhow::Result<Archive> {
    Archive::open(&cli.library, &cli.index).with_context(|| {
        format!(
            "mở kho {} (chỉ mục {})",
            cli.library.display(),
            cli.index.display()
        )
    })
}

/// One line of standard input, without its line break.
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("đọc mật khẩu từ đầu vào chuẩn")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn clearance_label(c: Classification) -> &'static str {
    match c {
        Classification::Public => "công khai",
        other => other.label(),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::PdfWorker { path } => {
            let json = vankien::extract::pdf::worker_main(path).map_err(anyhow::Error::msg)?;
            println!("{json}");
        }
        Command::Eval { data, json } => {
            if !data.join("law.json").exists() {
                bail!(
                    "không thấy {}: hãy chỉ thư mục dữ liệu ALQAC 2024 bằng --data",
                    data.join("law.json").display()
                );
            }
            // A scratch index of its own: the archive's index is never touched.
            let scratch = std::env::temp_dir().join(format!("vankien-eval-{}", std::process::id()));
            let rows = vankien::bench::alqac::evaluate(data, &scratch);
            let _ = std::fs::remove_dir_all(&scratch);
            let rows = rows?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                print!("{}", vankien::bench::alqac::table(&rows));
            }
        }
        Command::EvalLegacy {
            data,
            json,
            dump,
            converted,
        } => {
            if !data.join("truth").is_dir() {
                bail!(
                    "không thấy {}: hãy chỉ thư mục dữ liệu mã cũ (có thư mục truth/) bằng --data",
                    data.join("truth").display()
                );
            }
            let config = ExtractConfig::from_env();
            let source = match converted {
                Some(dir) => vankien::bench::legacy::Source::Converted(dir),
                None => vankien::bench::legacy::Source::Extract(&config),
            };
            let report = vankien::bench::legacy::evaluate(data, source, dump.as_deref())?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", vankien::bench::legacy::table(&report));
            }
            if !report.goals_met() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Bench {
            documents,
            queries,
            seed,
            work,
            reuse,
            json,
        } => {
            let work = work
                .clone()
                .unwrap_or_else(vankien::bench::perf::default_work_dir);
            let report = vankien::bench::perf::run(
                &work,
                *documents,
                *queries,
                *seed,
                ExtractConfig::from_env(),
                *reuse,
                |line| eprintln!("{line}"),
            )?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", vankien::bench::perf::table(&report));
            }
        }
        Command::BenchBook { work, repeat, json } => {
            let work = work
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join("vankien-bench-book"));
            let report = vankien::bench::book_search::run(&work, *repeat)?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", vankien::bench::book_search::table(&report));
            }
        }
        Command::Scans {
            pages,
            seed,
            out,
            quality,
            tiff,
        } => {
            let quality = ScanQuality::from_code(quality).unwrap_or(ScanQuality::Typical);
            let set = vankien::bench::scans::generate(out, *pages, *seed, quality, *tiff)?;
            eprintln!(
                "đã ghi {} trang quét ({}) vào {}: ảnh page-NNNN.jpg, chữ gốc page-NNNN.txt, {}{}",
                set.pages.len(),
                quality.code(),
                out.display(),
                set.pdf.display(),
                set.tiff
                    .as_ref()
                    .map(|t| format!(", {}", t.display()))
                    .unwrap_or_default()
            );
        }
        Command::OcrEval {
            pages,
            seed,
            work,
            quality,
            input,
            runs,
            json,
        } => {
            let options = vankien::bench::ocr::EvalOptions {
                pages: *pages,
                seed: *seed,
                quality: ScanQuality::from_code(quality).unwrap_or(ScanQuality::Typical),
                input: EvalInput::from_code(input).unwrap_or(EvalInput::Pdf),
                runs: *runs,
            };
            let report =
                vankien::bench::ocr::run(work, options, &ExtractConfig::from_env(), |line| {
                    eprintln!("{line}")
                })?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", vankien::bench::ocr::table(&report));
            }
        }
        Command::Corpus { count, seed, out } => {
            let written = vankien::bench::corpus::write(out, *count, *seed)
                .with_context(|| format!("ghi kho văn bản mẫu vào {}", out.display()))?;
            eprintln!("đã ghi {written} văn bản vào {}", out.display());
        }
        Command::Ingest { paths, json, kind } => {
            let archive = open(&cli)?;
            let options = IngestOptions {
                kind: match kind {
                    KindArg::Document => Kind::Document,
                    KindArg::Book => Kind::Book,
                },
                extract: ExtractConfig::from_env(),
            };
            // The bar lives on the terminal's last line; outcome lines first clear it.
            let bar = std::cell::Cell::new(false);
            let clear_bar = || {
                if bar.replace(false) {
                    eprint!("\r\x1b[K");
                }
            };
            let show_bar = std::io::stderr().is_terminal() && !*json;
            let outcomes = ingest::ingest_paths_with_progress(
                &archive.library,
                &archive.index,
                paths,
                &options,
                |o| {
                    clear_bar();
                    if *json {
                        println!("{}", serde_json::to_string(o).unwrap_or_default());
                    } else {
                        let status = match o.status {
                            IngestStatus::Added => "đã thêm",
                            IngestStatus::Updated => "cập nhật",
                            IngestStatus::Duplicate => "đã có",
                            IngestStatus::Failed => "LỖI",
                        };
                        match &o.error {
                            Some(e) => println!("{status:8} {}: {e}", o.source),
                            None => println!(
                                "{status:8} {} → {} {}",
                                o.source,
                                o.id.as_deref().unwrap_or(""),
                                o.number.as_deref().unwrap_or("(không số)")
                            ),
                        }
                        for warning in &o.warnings {
                            println!("         cảnh báo: {warning}");
                        }
                    }
                },
                |p| {
                    if *json {
                        println!("{}", serde_json::to_string(p).unwrap_or_default());
                    } else if show_bar {
                        eprint!("\r\x1b[K{}", p.bar(30));
                        bar.set(true);
                    }
                },
            )?;
            clear_bar();
            if !*json {
                let count = |s| outcomes.iter().filter(|o| o.status == s).count();
                eprintln!(
                    "{} tệp: {} thêm mới, {} cập nhật, {} đã có, {} lỗi",
                    outcomes.len(),
                    count(IngestStatus::Added),
                    count(IngestStatus::Updated),
                    count(IngestStatus::Duplicate),
                    count(IngestStatus::Failed)
                );
            }
        }
        Command::Search { query, limit, json } => {
            let archive = open(&cli)?;
            // The CLI is the operator's: it sees every classification.
            let request = SearchRequest::new(query, *limit, u8::MAX);
            let page = web::api::search_page(&archive, &request)?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&page)?);
            } else {
                println!("{} kết quả", page.total);
                for hit in &page.hits {
                    println!(
                        "{}  {:<16} {}  {}",
                        hit.summary.id,
                        hit.summary.number.as_deref().unwrap_or("-"),
                        hit.summary.issued.as_deref().unwrap_or("          "),
                        hit.summary.title
                    );
                    if let Some(s) = &hit.snippet {
                        println!("    tr.{}: {s}", hit.page.unwrap_or(1));
                    }
                }
            }
        }
        Command::Show { id, json } => {
            let archive = open(&cli)?;
            let Some(view) = web::api::document_view(&archive, id, u8::MAX)? else {
                bail!("không có tài liệu mã {id}; xem danh sách bằng `vankien list`");
            };
            if *json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                println!("{}", view.title);
                for (label, value) in view.metadata_rows() {
                    println!("  {label}: {value}");
                }
                if let Some(chapters) = view.chapters.as_ref().filter(|c| !c.is_empty()) {
                    println!("  Mục lục:");
                    for c in chapters {
                        let indent = "  ".repeat(c.level as usize + 2);
                        let title = c.title.as_deref().map(|t| format!(": {t}"));
                        let title = title.unwrap_or_default();
                        println!("{indent}{}{title} (tr. {})", c.label, c.start_page);
                    }
                }
                println!();
                println!("{}", view.text);
            }
        }
        Command::List { json } => {
            let archive = open(&cli)?;
            let records = archive.library.catalog().list()?;
            for record in records {
                let summary = web::api::DocumentSummary::from(&record);
                if *json {
                    println!("{}", serde_json::to_string(&summary)?);
                } else {
                    println!(
                        "{}  {:<16} {:<12} {:<10} {}",
                        summary.id,
                        summary.number.as_deref().unwrap_or("-"),
                        summary.doc_type.as_deref().unwrap_or("-"),
                        summary.issued.as_deref().unwrap_or("-"),
                        summary.title
                    );
                }
            }
        }
        Command::ExportEpub { id, output } => {
            let archive = open(&cli)?;
            let Some(bytes) = web::api::document_epub(&archive, id, u8::MAX)? else {
                bail!("không có tài liệu mã {id}; xem danh sách bằng `vankien list`");
            };
            std::fs::write(output, bytes).with_context(|| format!("ghi {}", output.display()))?;
            eprintln!("đã ghi {}", output.display());
        }
        Command::Reindex => {
            let archive = open(&cli)?;
            let n = verify::rebuild_index(&archive.library, &archive.index)?;
            eprintln!("đã dựng lại chỉ mục: {n} tài liệu");
        }
        Command::Verify { repair } => {
            let archive = open(&cli)?;
            let problems = verify::check(&archive.library, &archive.index)?;
            for p in &problems {
                println!("{:18} {}", p.kind, p.message);
            }
            if problems.is_empty() {
                eprintln!("kho nhất quán: tệp gốc, danh mục và chỉ mục khớp nhau");
                return Ok(ExitCode::SUCCESS);
            }
            if !*repair {
                eprintln!(
                    "{} vấn đề; chạy `vankien verify --repair` để sửa",
                    problems.len()
                );
                return Ok(ExitCode::FAILURE);
            }
            for action in verify::repair(&archive.library, &archive.index, &problems)? {
                println!("sửa: {action}");
            }
            let left = verify::check(&archive.library, &archive.index)?;
            for p in &left {
                println!("còn lại: {:18} {}", p.kind, p.message);
            }
            return Ok(if left.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Command::User { action } => {
            std::fs::create_dir_all(&cli.library)
                .with_context(|| format!("tạo thư mục kho {}", cli.library.display()))?;
            let accounts = Accounts::open(&cli.library.join("accounts.sqlite"))?;
            match action {
                UserAction::Add {
                    name,
                    role,
                    clearance,
                    ..
                } => {
                    let role = match role {
                        RoleArg::Reader => Role::Reader,
                        RoleArg::Editor => Role::Editor,
                        RoleArg::Admin => Role::Admin,
                    };
                    let clearance = match clearance {
                        ClearanceArg::Public => Classification::Public,
                        ClearanceArg::Internal => Classification::Internal,
                        ClearanceArg::Mat => Classification::Mat,
                        ClearanceArg::ToiMat => Classification::ToiMat,
                    };
                    let user = accounts.add(name, role, clearance, &read_password()?)?;
                    println!(
                        "đã thêm tài khoản {} ({}, được đọc: {})",
                        user.name,
                        user.role.label(),
                        clearance_label(user.clearance)
                    );
                }
                UserAction::List { json } => {
                    for user in accounts.list()? {
                        if *json {
                            println!("{}", serde_json::to_string(&user)?);
                        } else {
                            println!(
                                "{:<24} {:<16} {:<16} {}{}",
                                user.name,
                                user.role.label(),
                                clearance_label(user.clearance),
                                user.created_at,
                                if user.disabled { "  (đã khóa)" } else { "" }
                            );
                        }
                    }
                }
                UserAction::Disable { name } => {
                    accounts.set_disabled(name, true)?;
                    println!("đã khóa tài khoản {name}; mọi phiên đăng nhập của nó đã kết thúc");
                }
                UserAction::Enable { name } => {
                    accounts.set_disabled(name, false)?;
                    println!("đã mở khóa tài khoản {name}");
                }
                UserAction::Passwd { name, .. } => {
                    accounts.set_password(name, &read_password()?)?;
                    println!("đã đổi mật khẩu của {name}; mọi phiên đăng nhập của nó đã kết thúc");
                }
            }
        }
        Command::Serve { addr } => {
            let archive = open(&cli)?;
            tracing_subscriber::fmt()
                .with_writer(std::io::stderr)
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "vankien=info,tower_http=warn".into()),
                )
                .init();
            let runtime = tokio::runtime::Runtime::new().context("khởi động tokio")?;
            runtime.block_on(web::serve(archive, addr))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
