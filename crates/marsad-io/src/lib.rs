//! Reading documents into marsad: plain-text files, JSON Lines and gzipped JSON Lines of
//! `{id, title, text, published, source, url}`, and standard input.
//!
//! Reading is streaming and per-document fallible: a bad document (invalid UTF-8, a broken
//! JSON line, a missing or duplicate id, empty text) yields a [`DocError`] naming it and the
//! reason, and the reader goes on with the next one. Only a source that cannot be opened at
//! all is fatal ([`OpenError`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod acled;

use marsad_types::{Date, Document};
use serde_json::Value;
use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How an input is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The whole input is one document's body, without title.
    Text,
    /// One JSON object per line (gzip-compressed when the file name ends in `.gz`).
    Jsonl,
}

impl InputKind {
    /// The kind a file name implies: `.jsonl`, `.jsonl.gz`, `.ndjson`, `.json.gz` are JSON
    /// Lines, anything else is text.
    pub fn from_path(path: &Path) -> InputKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
            InputKind::Jsonl
        } else {
            InputKind::Text
        }
    }
}

/// One bad document: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// The document: its id when known, else `file:line`.
    pub doc: String,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.doc, self.reason)
    }
}

impl std::error::Error for DocError {}

/// A source that cannot be read at all (missing file, permission denied).
#[derive(Debug)]
pub struct OpenError {
    /// The path (or `-`).
    pub path: PathBuf,
    /// The underlying error.
    pub source: io::Error,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot open: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for OpenError {}

/// Options for reading plain-text documents.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Use this id instead of the file name (only sensible for a single file).
    pub id: Option<String>,
    /// Publication date to give plain-text documents.
    pub published: Option<Date>,
}

/// The id of a plain-text file: its file name without extension (`a/b/000_x.txt` → `000_x`).
pub fn id_from_path(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    match name.find('.') {
        Some(0) | None => name,
        Some(i) => name[..i].to_string(),
    }
}

/// Reads documents from paths (or `-` for standard input), in order, checking that ids are
/// unique across the whole run.
pub struct Reader {
    seen: HashSet<String>,
}

impl Default for Reader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reader {
    /// A reader with no ids seen yet.
    pub fn new() -> Self {
        Reader {
            seen: HashSet::new(),
        }
    }

    /// Streams the documents of one input to `sink`. `kind` overrides the kind implied by
    /// the file name (standard input defaults to text). Returns the number of documents and
    /// errors passed on, or an [`OpenError`] when the input cannot be opened at all.
    pub fn read(
        &mut self,
        path: &Path,
        kind: Option<InputKind>,
        text_opts: &TextOptions,
        sink: &mut dyn FnMut(Result<Document, DocError>),
    ) -> Result<(), OpenError> {
        let is_stdin = path.as_os_str() == "-";
        let kind = kind.unwrap_or(if is_stdin {
            InputKind::Text
        } else {
            InputKind::from_path(path)
        });
        let open_err = |e: io::Error| OpenError {
            path: path.to_path_buf(),
            source: e,
        };
        let raw: Box<dyn Read> = if is_stdin {
            Box::new(io::stdin().lock())
        } else {
            if path.is_dir() {
                return Err(open_err(io::Error::other("is a directory")));
            }
            Box::new(File::open(path).map_err(open_err)?)
        };
        let gz = !is_stdin
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let raw: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(raw))
        } else {
            raw
        };
        let label = if is_stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        match kind {
            InputKind::Text => {
                let id = text_opts.id.clone().unwrap_or_else(|| {
                    if is_stdin {
                        "stdin".to_string()
                    } else {
                        id_from_path(path)
                    }
                });
                let doc = read_text(raw, &id, &label, text_opts.published);
                sink(doc.and_then(|d| self.check(d)));
            }
            InputKind::Jsonl => {
                let mut reader = BufReader::with_capacity(1 << 16, raw);
                let mut buf = Vec::new();
                let mut line_no = 0usize;
                loop {
                    buf.clear();
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) => {
                            sink(Err(DocError {
                                doc: format!("{label}:{}", line_no + 1),
                                reason: format!("read error, rest of the input skipped: {e}"),
                            }));
                            break;
                        }
                    }
                    line_no += 1;
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let where_ = format!("{label}:{line_no}");
                    sink(parse_json_line(&buf, &where_).and_then(|d| self.check(d)));
                }
            }
        }
        Ok(())
    }

    /// Rejects empty texts and ids seen before in this run.
    fn check(&mut self, doc: Document) -> Result<Document, DocError> {
        if doc.text.trim().is_empty() {
            return Err(DocError {
                doc: doc.id,
                reason: "empty text".into(),
            });
        }
        if !self.seen.insert(doc.id.clone()) {
            return Err(DocError {
                doc: doc.id,
                reason: "duplicate id (an earlier document has the same id)".into(),
            });
        }
        Ok(doc)
    }
}

fn read_text(
    mut raw: Box<dyn Read>,
    id: &str,
    label: &str,
    published: Option<Date>,
) -> Result<Document, DocError> {
    let mut bytes = Vec::new();
    raw.read_to_end(&mut bytes).map_err(|e| DocError {
        doc: id.to_string(),
        reason: format!("{label}: read error: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| DocError {
        doc: id.to_string(),
        reason: format!(
            "{label}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(Document {
        id: id.to_string(),
        title: None,
        text,
        published,
        source: None,
        url: None,
    })
}

/// Parses one JSON Lines record `{id, title, text, published, source, url}`; `where_` names
/// the line for errors when the id is unknown.
pub fn parse_json_line(line: &[u8], where_: &str) -> Result<Document, DocError> {
    let err = |doc: &str, reason: String| DocError {
        doc: doc.to_string(),
        reason,
    };
    let line = std::str::from_utf8(line).map_err(|e| {
        err(
            where_,
            format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
        )
    })?;
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let value: Value =
        serde_json::from_str(line).map_err(|e| err(where_, format!("broken JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(err(where_, "not a JSON object".into()));
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(_)) => return Err(err(where_, "empty id".into())),
        Some(_) => return Err(err(where_, "id is not a string or number".into())),
        None => return Err(err(where_, "missing id".into())),
    };
    let opt_str = |key: &str| -> Result<Option<String>, DocError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(err(&id, format!("field `{key}` is not a string"))),
        }
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => return Err(err(&id, "missing text".into())),
        Some(_) => return Err(err(&id, "field `text` is not a string".into())),
    };
    let published = match opt_str("published")? {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(
            s.parse::<Date>()
                .map_err(|_| err(&id, format!("`published` is not a YYYY-MM-DD date: {s:?}")))?,
        ),
    };
    Ok(Document {
        title: opt_str("title")?,
        text,
        published,
        source: opt_str("source")?,
        url: opt_str("url")?,
        id,
    })
}

/// Expands input paths for archive ingest: a file is kept as given; a directory is listed
/// recursively, keeping `.txt`, `.jsonl` and `.jsonl.gz` files (case-insensitive) except a
/// folder's notes (`README.txt`, `SOURCE.txt`, `LICENSE.txt`, `NOTICE.txt`, `COPYING.txt`),
/// sorted by path so runs are reproducible; `-` (standard input) is kept. Unreadable directories are
/// skipped silently (the files given explicitly still fail loudly when opened).
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn wanted(p: &Path) -> bool {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        // A folder's own notes (README.txt, SOURCE.txt, LICENSE.txt ...) are not documents.
        let stem = name.split('.').next().unwrap_or("");
        let notes = [
            "readme", "source", "sources", "license", "licence", "notice", "copying",
        ];
        (name.ends_with(".txt") || name.ends_with(".jsonl") || name.ends_with(".jsonl.gz"))
            && !notes.contains(&stem)
    }
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > 64 {
            return;
        }
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out, depth + 1);
            } else if wanted(&p) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(path: &Path, kind: Option<InputKind>) -> Vec<Result<Document, DocError>> {
        let mut out = Vec::new();
        Reader::new()
            .read(path, kind, &TextOptions::default(), &mut |d| out.push(d))
            .unwrap();
        out
    }

    fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("marsad-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn kind_from_extension() {
        assert_eq!(InputKind::from_path(Path::new("a.jsonl")), InputKind::Jsonl);
        assert_eq!(
            InputKind::from_path(Path::new("a.JSONL.gz")),
            InputKind::Jsonl
        );
        assert_eq!(InputKind::from_path(Path::new("a.txt")), InputKind::Text);
        assert_eq!(InputKind::from_path(Path::new("a")), InputKind::Text);
    }

    #[test]
    fn text_file_id_is_file_stem() {
        assert_eq!(id_from_path(Path::new("x/000_267a.txt")), "000_267a");
        assert_eq!(id_from_path(Path::new("x/a.b.txt")), "a");
        assert_eq!(id_from_path(Path::new(".hidden")), ".hidden");
        let p = tmp("doc_1.txt", "نص الخبر".as_bytes());
        let docs = collect(&p, None);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            (d.id.as_str(), d.text.as_str(), d.title.as_ref()),
            ("doc_1", "نص الخبر", None)
        );
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_read() {
        let mut body = Vec::new();
        body.extend_from_slice(
            b"{\"id\":\"a\",\"title\":\"t\",\"text\":\"x\",\"published\":\"2018-03-12\"}\n",
        );
        body.extend_from_slice(b"{\"id\":\"b\",\"text\":\n"); // broken JSON
        body.extend_from_slice(b"{\"title\":\"t\",\"text\":\"x\"}\n"); // missing id
        body.extend_from_slice(b"{\"id\":\"a\",\"text\":\"y\"}\n"); // duplicate
        body.extend_from_slice(b"{\"id\":\"c\",\"text\":\"  \"}\n"); // empty
        body.extend_from_slice(b"{\"id\":\"d\",\"text\":\"\xff\"}\n"); // invalid UTF-8
        body.extend_from_slice(b"\n{\"id\":7,\"text\":\"z\",\"published\":null}\n");
        let p = tmp("mixed.jsonl", &body);
        let out = collect(&p, None);
        assert_eq!(out.len(), 7);
        assert_eq!(
            out[0].as_ref().unwrap().published.unwrap().to_string(),
            "2018-03-12"
        );
        let e1 = out[1].as_ref().unwrap_err();
        assert!(e1.doc.ends_with("mixed.jsonl:2") && e1.reason.starts_with("broken JSON"));
        assert_eq!(out[2].as_ref().unwrap_err().reason, "missing id");
        let dup = out[3].as_ref().unwrap_err();
        assert_eq!(dup.doc, "a");
        assert!(dup.reason.starts_with("duplicate id"));
        assert_eq!(out[4].as_ref().unwrap_err().reason, "empty text");
        assert!(out[5]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("invalid UTF-8"));
        assert_eq!(out[6].as_ref().unwrap().id, "7");
    }

    #[test]
    fn gzipped_jsonl_is_read() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all("{\"id\":\"g\",\"text\":\"قصف\"}\n".as_bytes())
            .unwrap();
        let p = tmp("docs.jsonl.gz", &enc.finish().unwrap());
        let out = collect(&p, None);
        assert_eq!(out[0].as_ref().unwrap().text, "قصف");
    }

    #[test]
    fn invalid_utf8_text_file_names_the_document() {
        let p = tmp("broken.txt", b"abc\xffdef");
        let out = collect(&p, None);
        let e = out[0].as_ref().unwrap_err();
        assert_eq!(e.doc, "broken");
        assert!(e.reason.contains("invalid UTF-8 at byte 3"));
    }

    #[test]
    fn missing_file_is_an_open_error() {
        let r = Reader::new().read(
            Path::new("/nonexistent/x.txt"),
            None,
            &TextOptions::default(),
            &mut |_| {},
        );
        assert!(r.is_err());
    }

    #[test]
    fn bad_published_date_names_the_document() {
        let e = parse_json_line(br#"{"id":"q","text":"x","published":"March 2018"}"#, "f:1")
            .unwrap_err();
        assert_eq!(e.doc, "q");
        assert!(e.reason.contains("published"));
    }
    #[test]
    fn expand_inputs_lists_directories_recursively_sorted() {
        let dir = std::env::temp_dir().join(format!("marsad-io-expand-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/sub")).unwrap();
        std::fs::create_dir_all(dir.join("a")).unwrap();
        for f in [
            "b/sub/z.jsonl.gz",
            "b/x.txt",
            "a/y.JSONL",
            "a/notes.md",
            "b/sub/w.csv",
        ] {
            std::fs::write(dir.join(f), "خبر").unwrap();
        }
        let got = expand_inputs(&[dir.clone(), PathBuf::from("-"), dir.join("a/notes.md")]);
        let rel: Vec<String> = got
            .iter()
            .map(|p| {
                p.strip_prefix(&dir)
                    .map(|r| r.display().to_string())
                    .unwrap_or_else(|_| p.display().to_string())
            })
            .collect();
        assert_eq!(
            rel,
            [
                "a/y.JSONL",
                "b/sub/z.jsonl.gz",
                "b/x.txt",
                "-",
                "a/notes.md"
            ]
        );
    }
}
