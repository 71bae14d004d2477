//! Reading the TSV data files (bundled and `--kb-extra`).
//!
//! Both files are tab-separated with a header row naming the columns (any order); `#` starts a
//! comment line; list-valued cells use `|`. A place file has the columns `id`, `kind`,
//! `name_ar` (required) and `name_en`, `names`, `parent`, `lat`, `lon`, `country`, `admin1`,
//! `ids`, `pop`, `flags`, `source`; an actor file has `id`, `name`, `kind`, `sector`
//! (required) and `country`, `parent`, `allies`, `aliases`, `adjectives`, `anaphors`
//! (short back-references such as التنظيم that name the actor only after it was named in
//! full earlier in the document), `source`.

use crate::model::{ActorKind, PlaceKind};
use std::fmt;

/// Why the knowledge base could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KbError {
    /// A file could not be read.
    Io {
        /// The file.
        file: String,
        /// The OS error.
        msg: String,
    },
    /// A malformed entry.
    Entry {
        /// The file.
        file: String,
        /// 1-based line number (0 for a file-level problem).
        line: usize,
        /// What is wrong.
        msg: String,
    },
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KbError::Io { file, msg } => write!(f, "{file}: cannot read: {msg}"),
            KbError::Entry { file, line: 0, msg } => write!(f, "{file}: {msg}"),
            KbError::Entry { file, line, msg } => write!(f, "{file}:{line}: {msg}"),
        }
    }
}

impl std::error::Error for KbError {}

/// Which kind of rows a file holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Places,
    Actors,
}

/// A place row before linking.
#[derive(Debug, Clone)]
pub(crate) struct PlaceRow {
    pub id: String,
    pub kind: PlaceKind,
    pub name_en: String,
    pub name_ar: String,
    pub names: Vec<String>,
    pub parent: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: String,
    pub admin1: Option<String>,
    pub ids: Vec<String>,
    pub pop: u32,
    pub approx: bool,
    pub cue: bool,
    pub prominent: bool,
    pub precision: Option<u8>,
    pub source: String,
    pub file: String,
    pub line: usize,
}

/// An actor row before linking.
#[derive(Debug, Clone)]
pub(crate) struct ActorRow {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub sector: String,
    pub country: Option<String>,
    pub parent: Option<String>,
    pub allies: Vec<String>,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub anaphors: Vec<String>,
    pub source: String,
    pub file: String,
    pub line: usize,
}

/// Rows read from files.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub places: Vec<PlaceRow>,
    pub actors: Vec<ActorRow>,
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Parses one TSV file's text into `rows`. `default_source` fills an empty `source` cell.
pub(crate) fn parse_file(
    file: &str,
    text: &str,
    default_source: &str,
    rows: &mut Rows,
) -> Result<(), KbError> {
    let err = |line: usize, msg: String| KbError::Entry {
        file: file.to_string(),
        line,
        msg,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header: Option<(FileKind, Vec<String>)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((kind, cols)) = &header else {
            let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
            let has = |c: &str| cols.iter().any(|x| x == c);
            let kind = if has("id") && has("kind") && has("name_ar") {
                FileKind::Places
            } else if has("id") && has("name") && has("kind") && has("sector") {
                FileKind::Actors
            } else {
                return Err(err(
                    line_no,
                    "header row must name the columns: `id kind name_ar ...` for places or \
                     `id name kind sector ...` for actors (tab-separated)"
                        .into(),
                ));
            };
            header = Some((kind, cols));
            continue;
        };
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() > cols.len() {
            return Err(err(
                line_no,
                format!(
                    "{} cells but the header has {} columns (a stray tab?)",
                    cells.len(),
                    cols.len()
                ),
            ));
        }
        let get = |name: &str| -> &str {
            cols.iter()
                .position(|c| c == name)
                .and_then(|i| cells.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let id = get("id");
        if id.is_empty() {
            return Err(err(line_no, "empty id".into()));
        }
        if id.contains(char::is_whitespace) {
            return Err(err(line_no, format!("id `{id}` contains whitespace")));
        }
        let source = opt(get("source")).unwrap_or_else(|| default_source.to_string());
        match kind {
            FileKind::Places => {
                let kind_s = get("kind");
                let kind = PlaceKind::parse(kind_s).ok_or_else(|| {
                    err(
                        line_no,
                        format!(
                            "unknown place kind `{kind_s}` (expected one of: {})",
                            PlaceKind::ALL.map(|k| k.as_str()).join(", ")
                        ),
                    )
                })?;
                let name_ar = get("name_ar").to_string();
                if name_ar.is_empty() {
                    return Err(err(line_no, format!("place `{id}` has no name_ar")));
                }
                let coord = |c: &str, lo: f64, hi: f64| -> Result<Option<f64>, KbError> {
                    let v = get(c);
                    if v.is_empty() {
                        return Ok(None);
                    }
                    let x: f64 = v.parse().map_err(|_| {
                        err(line_no, format!("{c} `{v}` of `{id}` is not a number"))
                    })?;
                    if !(lo..=hi).contains(&x) {
                        return Err(err(
                            line_no,
                            format!("{c} {x} of `{id}` is out of range [{lo}, {hi}]"),
                        ));
                    }
                    Ok(Some(x))
                };
                let lat = coord("lat", -90.0, 90.0)?;
                let lon = coord("lon", -180.0, 180.0)?;
                if lat.is_some() != lon.is_some() {
                    return Err(err(line_no, format!("`{id}` has only one of lat/lon")));
                }
                let mut approx = false;
                let mut cue = false;
                let mut prominent = false;
                let mut precision = None;
                for f in get("flags")
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                {
                    match f {
                        "approx" | "approximate" => approx = true,
                        "prominent" => prominent = true,
                        "cue" => cue = true,
                        "p1" => precision = Some(1),
                        "p2" => precision = Some(2),
                        "p3" => precision = Some(3),
                        _ => {
                            return Err(err(
                                line_no,
                                format!(
                                    "unknown flag `{f}` (known: approx, cue, prominent, p1, p2, p3)"
                                ),
                            ))
                        }
                    }
                }
                let pop_s = get("pop");
                let pop = if pop_s.is_empty() {
                    0
                } else {
                    pop_s.parse().map_err(|_| {
                        err(line_no, format!("pop `{pop_s}` of `{id}` is not a number"))
                    })?
                };
                let country = get("country").to_ascii_uppercase();
                if !country.is_empty() && (country.len() != 3 || !country.is_ascii()) {
                    return Err(err(
                        line_no,
                        format!("country `{country}` of `{id}` is not an ISO alpha-3 code"),
                    ));
                }
                rows.places.push(PlaceRow {
                    id: id.to_string(),
                    kind,
                    name_en: get("name_en").to_string(),
                    name_ar,
                    names: list(get("names")),
                    parent: opt(get("parent")),
                    lat,
                    lon,
                    country: if country.is_empty() {
                        "SYR".into()
                    } else {
                        country
                    },
                    admin1: opt(get("admin1")),
                    ids: list(get("ids")),
                    pop,
                    approx,
                    cue,
                    prominent,
                    precision,
                    source,
                    file: file.to_string(),
                    line: line_no,
                });
            }
            FileKind::Actors => {
                let kind_s = get("kind");
                let kind = ActorKind::parse(kind_s).ok_or_else(|| {
                    err(
                        line_no,
                        format!(
                            "unknown actor kind `{kind_s}` (expected one of: {})",
                            ActorKind::ALL.map(|k| k.as_str()).join(", ")
                        ),
                    )
                })?;
                let name = get("name");
                if name.is_empty() {
                    return Err(err(line_no, format!("actor `{id}` has no name")));
                }
                let sector = get("sector").to_ascii_uppercase();
                if sector.is_empty() || !sector.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(err(
                        line_no,
                        format!("actor `{id}` needs a sector code such as GOV, MIL, REB"),
                    ));
                }
                let aliases = list(get("aliases"));
                let adjectives = list(get("adjectives"));
                if aliases.is_empty() && adjectives.is_empty() {
                    return Err(err(line_no, format!("actor `{id}` has no aliases")));
                }
                rows.actors.push(ActorRow {
                    id: id.to_string(),
                    name: name.to_string(),
                    kind,
                    sector,
                    country: opt(get("country")).map(|c| c.to_ascii_uppercase()),
                    parent: opt(get("parent")),
                    allies: list(get("allies")),
                    aliases,
                    adjectives,
                    anaphors: list(get("anaphors")),
                    source,
                    file: file.to_string(),
                    line: line_no,
                });
            }
        }
    }
    if header.is_none() {
        return Err(err(0, "no header row".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_decides_the_kind_and_comments_are_skipped() {
        let mut rows = Rows::default();
        parse_file(
            "x.tsv",
            "# comment\nid\tkind\tname_ar\tlat\tlon\n\nu:1\tvillage\tقرية الاختبار\t36\t40\n",
            "user",
            &mut rows,
        )
        .expect("parses");
        assert_eq!(rows.places.len(), 1);
        assert_eq!(rows.places[0].country, "SYR");
        assert_eq!(rows.places[0].source, "user");
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut rows = Rows::default();
        let e = parse_file(
            "extra/bad.tsv",
            "id\tkind\tname_ar\n\nu:1\tvillage\t\n",
            "user",
            &mut rows,
        )
        .expect_err("no name_ar");
        assert_eq!(e.to_string(), "extra/bad.tsv:3: place `u:1` has no name_ar");
        let e = parse_file(
            "b.tsv",
            "id\tkind\tname_ar\nu:1\tvillage\tقرية\textra\n",
            "u",
            &mut rows,
        )
        .expect_err("stray tab");
        assert!(e.to_string().contains("b.tsv:2: 4 cells"), "{e}");
    }
}
