//! Builds `data/kb/places.tsv` and `data/kb/countries.tsv` from the real data sets (no network).
//!
//! ```text
//! cargo run -p marsad-kb --release --bin kb-build -- ../shared/data [OUT_DIR]
//! ```
//!
//! Inputs (see each folder's SOURCE.txt): `gazetteer-extra/opensyria-admin` (governorates,
//! districts, sub-districts with OCHA P-codes, aliases, GeoNames crosswalk),
//! `gazetteer-extra/ocha-communities` (5,622 communities), `gazetteer` (GeoNames places of Syria
//! and its neighbours, country table) and the curated `data/kb/countries_ar.tsv` (Arabic country
//! names). Merging: one place is one entry — a GeoNames Syrian place joins the OCHA community
//! with the same Arabic name within 8 km (its id goes to `ids`), admin units keep their P-code
//! ids with their GeoNames ids as alternatives. Optionally the news corpus
//! (`news/*.jsonl.gz`, read through `gzip -dc`) flags village names that are also common words
//! (`cue`: matched only after قرية/بلدة/حي ...), and writes the matcher's derived word lists
//! `common_words.txt` (Syrian place names frequent in the documents that never name Syria) and
//! `no_split.txt` (proclitic + name pairs that are really one frequent word). Deterministic:
//! the same corpus gives byte-identical files.

use marsad_kb::norm::key;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

type Res<T> = Result<T, String>;

fn read_jsonl(p: &Path) -> Res<Vec<Value>> {
    let f = std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
    let mut out = Vec::new();
    for (i, l) in BufReader::new(f).lines().enumerate() {
        let l = l.map_err(|e| format!("{}: {e}", p.display()))?;
        if l.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&l).map_err(|e| format!("{}:{}: {e}", p.display(), i + 1))?);
    }
    Ok(out)
}

fn s(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string()
}
fn f(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64)
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '|'], " ").trim().to_string()
}

#[derive(Debug, Clone, Default)]
struct Row {
    id: String,
    kind: String,
    name_en: String,
    name_ar: String,
    names: Vec<String>,
    parent: String,
    lat: Option<f64>,
    lon: Option<f64>,
    country: String,
    admin1: String,
    ids: Vec<String>,
    pop: u64,
    flags: Vec<String>,
    source: String,
}

impl Row {
    fn add_name(&mut self, n: &str) {
        let n = clean(n);
        if n.is_empty() || n == self.name_ar || n == self.name_en || self.names.contains(&n) {
            return;
        }
        self.names.push(n);
    }
    fn tsv(&self, out: &mut String) {
        let c = |x: Option<f64>| x.map(|v| format!("{v:.5}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.id,
            self.kind,
            clean(&self.name_en),
            clean(&self.name_ar),
            self.names.join("|"),
            self.parent,
            c(self.lat),
            c(self.lon),
            self.country,
            clean(&self.admin1),
            self.ids.join("|"),
            if self.pop > 0 {
                self.pop.to_string()
            } else {
                String::new()
            },
            self.flags.join(","),
            self.source
        );
    }
}

const HEADER: &str =
    "id\tkind\tname_en\tname_ar\tnames\tparent\tlat\tlon\tcountry\tadmin1\tids\tpop\tflags\tsource\n";

fn kind_by_pop(pop: u64) -> &'static str {
    if pop >= 100_000 {
        "city"
    } else if pop >= 10_000 {
        "town"
    } else {
        "village"
    }
}

/// Splits an OCHA Arabic name into (name, variants): `_` joins variants; ` - X` where X is an
/// admin unit's name is a qualifier, dropped.
fn split_ocha(name: &str, admin_names: &HashSet<String>) -> (String, Vec<String>) {
    let mut parts: Vec<String> = Vec::new();
    for p in name.split('_') {
        let mut segs = p.split('-').map(str::trim).filter(|x| !x.is_empty());
        if let Some(first) = segs.next() {
            parts.push(first.to_string());
            for rest in segs {
                if !admin_names.contains(&key(rest)) {
                    parts.push(rest.to_string());
                }
            }
        }
    }
    let first = parts.first().cloned().unwrap_or_else(|| name.to_string());
    (first, parts.into_iter().skip(1).collect())
}

fn strip_paren(s: &str) -> String {
    match s.find(" (") {
        Some(i) => s[..i].trim().to_string(),
        None => s.trim().to_string(),
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("kb-build: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let data = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("../shared/data"));
    let out_dir = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("data/kb"));
    let t0 = std::time::Instant::now();

    // ---------- admin units ----------
    let adm = read_jsonl(&data.join("gazetteer-extra/opensyria-admin/admin.jsonl"))?;
    let aliases = read_jsonl(&data.join("gazetteer-extra/opensyria-admin/aliases.jsonl"))?;
    let xids = read_jsonl(&data.join("gazetteer-extra/opensyria-admin/external_ids.jsonl"))?;
    let mut rows: Vec<Row> = Vec::new();
    let mut by_pcode: HashMap<String, usize> = HashMap::new();
    let mut admin_names: HashSet<String> = HashSet::new();
    // (admin1, admin2, admin3) English → sub-district pcode
    let mut sub_by_names: HashMap<(String, String, String), String> = HashMap::new();
    let mut gov_by_en: HashMap<String, String> = HashMap::new();
    for a in &adm {
        let pcode = s(a, "pcode");
        let kind = s(a, "kind");
        let parent = match kind.as_str() {
            "district" => format!("pcode:{}", &pcode[..4.min(pcode.len())]),
            "subdistrict" => format!("pcode:{}", &pcode[..6.min(pcode.len())]),
            _ => String::new(),
        };
        admin_names.insert(key(&s(a, "name_ar")));
        if kind == "subdistrict" {
            sub_by_names.insert(
                (s(a, "admin1"), s(a, "admin2"), s(a, "admin3")),
                pcode.clone(),
            );
        }
        if kind == "governorate" {
            gov_by_en.insert(s(a, "name_en"), pcode.clone());
        }
        by_pcode.insert(pcode.clone(), rows.len());
        rows.push(Row {
            id: format!("pcode:{pcode}"),
            kind,
            name_en: s(a, "name_en"),
            name_ar: s(a, "name_ar"),
            parent,
            lat: f(a, "lat"),
            lon: f(a, "lon"),
            country: "SYR".into(),
            admin1: s(a, "admin1"),
            source: "opensyria".into(),
            ..Row::default()
        });
    }
    for al in &aliases {
        if let Some(&i) = by_pcode.get(&s(al, "pcode")) {
            let a = s(al, "alias");
            // "مدينة إدلب" names the city, not the district: it goes to the city entry.
            if rows[i].kind != "governorate" && a.starts_with("مدينة ") {
                continue;
            }
            // The bare region names stay with the curated regions (the nahiyas keep
            // "ناحية الغوطة الشرقية").
            if rows[i].kind == "subdistrict"
                && matches!(a.as_str(), "الغوطة الشرقية" | "الغوطة الغربية")
            {
                continue;
            }
            // Keep Arabic aliases and English ones (names are also shown to users).
            rows[i].add_name(&a);
        }
    }
    for x in &xids {
        if let Some(&i) = by_pcode.get(&s(x, "ochaPcode")) {
            let g = s(x, "geonames");
            if !g.is_empty() {
                rows[i].ids.push(format!("geonames:{g}"));
            }
        }
    }
    let n_admin = rows.len();

    // ---------- OCHA communities ----------
    let comm = read_jsonl(&data.join("gazetteer-extra/ocha-communities/communities.jsonl"))?;
    let mut missing_parent = 0;
    let first_comm = rows.len();
    for c in &comm {
        let (name_ar, variants) = split_ocha(&s(c, "name_ar"), &admin_names);
        let tri = (s(c, "admin1"), s(c, "admin2"), s(c, "admin3"));
        let parent = match sub_by_names.get(&tri) {
            Some(p) => format!("pcode:{p}"),
            None => {
                missing_parent += 1;
                gov_by_en
                    .get(&tri.0)
                    .map(|p| format!("pcode:{p}"))
                    .unwrap_or_default()
            }
        };
        let name_en_full = s(c, "name_en");
        let name_en = strip_paren(&name_en_full);
        let pcode = s(c, "pcode");
        let id = if pcode.is_empty() {
            // One OCHA row has no P-code: a stable id from its English name.
            let slug: String = name_en
                .to_ascii_lowercase()
                .chars()
                .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
                .collect();
            format!("ocha:nopcode-{slug}")
        } else {
            format!("ocha:{pcode}")
        };
        let mut r = Row {
            id,
            kind: "village".into(),
            name_en: name_en.clone(),
            name_ar,
            parent,
            lat: f(c, "lat"),
            lon: f(c, "lon"),
            country: "SYR".into(),
            admin1: tri.0.clone(),
            source: "ocha".into(),
            ..Row::default()
        };
        for v in variants {
            r.add_name(&v);
        }
        for part in name_en.split(" - ") {
            r.add_name(part);
        }
        rows.push(r);
    }
    // Arabic key → community rows
    let mut comm_by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate().skip(first_comm) {
        comm_by_key.entry(key(&r.name_ar)).or_default().push(i);
        for n in &r.names {
            if has_arabic(n) {
                comm_by_key.entry(key(n)).or_default().push(i);
            }
        }
    }

    // ---------- GeoNames Syria ----------
    let sy = read_jsonl(&data.join("gazetteer/sy_places.jsonl"))?;
    let gov_of_geonames: HashMap<&str, &str> = [
        ("Al-Hasakah", "Al-Hasakah"),
        ("Latakia", "Lattakia"),
        ("Quneitra", "Quneitra"),
        ("Ar-Raqqah", "Ar-Raqqa"),
        ("As-Suwayda", "As-Sweida"),
        ("Daraa", "Dar'a"),
        ("Deir ez-Zor", "Deir-ez-Zor"),
        ("Rif-dimashq", "Rural Damascus"),
        ("Aleppo", "Aleppo"),
        ("Hama", "Hama"),
        ("Homs", "Homs"),
        ("Idlib", "Idleb"),
        ("Dimashq", "Damascus"),
        ("Tartus", "Tartous"),
    ]
    .into_iter()
    .collect();
    let _ = gov_of_geonames;
    // governorate pcode by Arabic name (robust to the English spellings)
    let mut gov_by_ar: HashMap<String, String> = HashMap::new();
    for a in &adm {
        if s(a, "kind") == "governorate" {
            gov_by_ar.insert(key(&s(a, "name_ar")), s(a, "pcode"));
        }
    }
    let subs: Vec<(String, f64, f64)> = adm
        .iter()
        .filter(|a| s(a, "kind") == "subdistrict")
        .filter_map(|a| Some((s(a, "pcode"), f(a, "lat")?, f(a, "lon")?)))
        .collect();
    let (mut merged, mut added) = (0, 0);
    for g in &sy {
        let gid = g.get("geonameid").and_then(Value::as_u64).unwrap_or(0);
        let (Some(lat), Some(lon)) = (f(g, "latitude"), f(g, "longitude")) else {
            continue;
        };
        let pop = g.get("population").and_then(Value::as_u64).unwrap_or(0);
        let ar: Vec<String> = g
            .get("arabic_names_likely_msa")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        // Best community with one of the names within 8 km.
        let mut best: Option<(usize, f64)> = None;
        for n in &ar {
            if let Some(cands) = comm_by_key.get(&key(n)) {
                for &i in cands {
                    if let (Some(a), Some(b)) = (rows[i].lat, rows[i].lon) {
                        let d = marsad_kb::dist_km((lat, lon), (a, b));
                        if d < 8.0 && best.is_none_or(|x| d < x.1) {
                            best = Some((i, d));
                        }
                    }
                }
            }
        }
        let gname_en = s(g, "name");
        match best {
            Some((i, _)) => {
                merged += 1;
                let r = &mut rows[i];
                r.ids.push(format!("geonames:{gid}"));
                r.pop = r.pop.max(pop);
                for n in &ar {
                    r.add_name(n);
                }
                r.add_name(&gname_en);
                if r.source == "ocha" {
                    r.source = "ocha+geonames".into();
                }
            }
            None => {
                added += 1;
                let gov_ar = key(&s(g, "admin1_name_ar"));
                let gov = gov_by_ar.get(&gov_ar).cloned().unwrap_or_default();
                // nearest sub-district of the same governorate
                let parent = subs
                    .iter()
                    .filter(|(p, _, _)| gov.is_empty() || p.starts_with(&gov))
                    .min_by(|a, b| {
                        marsad_kb::dist_km((lat, lon), (a.1, a.2))
                            .total_cmp(&marsad_kb::dist_km((lat, lon), (b.1, b.2)))
                    })
                    .map(|(p, _, _)| format!("pcode:{p}"))
                    .unwrap_or_default();
                let Some(name_ar) = ar.first().cloned() else {
                    continue;
                };
                let mut r = Row {
                    id: format!("geonames:{gid}"),
                    kind: kind_by_pop(pop).into(),
                    name_en: gname_en.clone(),
                    name_ar,
                    parent,
                    lat: Some(lat),
                    lon: Some(lon),
                    country: "SYR".into(),
                    admin1: String::new(),
                    pop,
                    source: "geonames".into(),
                    ..Row::default()
                };
                for n in ar.iter().skip(1) {
                    r.add_name(n);
                }
                rows.push(r);
            }
        }
    }
    // Community kinds: by population when GeoNames knows it; sub-district centres are towns.
    let centre_names: HashSet<String> = adm
        .iter()
        .filter(|a| s(a, "kind") == "subdistrict" || s(a, "kind") == "district")
        .map(|a| key(s(a, "name_ar").trim_start_matches("مركز ").trim()))
        .collect();
    for r in rows.iter_mut().skip(first_comm) {
        if !r.id.starts_with("ocha:") {
            continue;
        }
        r.kind = if r.pop > 0 {
            kind_by_pop(r.pop).into()
        } else if centre_names.contains(&key(&r.name_ar)) {
            "town".into()
        } else {
            "village".into()
        };
    }

    // ---------- countries ----------
    let countries: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("gazetteer/countries.json"))
            .map_err(|e| format!("countries.json: {e}"))?,
    )
    .map_err(|e| format!("countries.json: {e}"))?;
    let cur_path = out_dir.join("countries_ar.tsv");
    let cur =
        std::fs::read_to_string(&cur_path).map_err(|e| format!("{}: {e}", cur_path.display()))?;
    let mut iso3_of: HashMap<String, String> = HashMap::new();
    let mut ctext = String::from(HEADER);
    let mut n_countries = 0;
    for (ln, line) in cur.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("iso2\t") {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 5 {
            return Err(format!(
                "{}:{}: expected 5 columns",
                cur_path.display(),
                ln + 1
            ));
        }
        let iso2 = cells[0].trim();
        let Some(c) = countries.get(iso2) else {
            return Err(format!(
                "{}:{}: unknown ISO code {iso2}",
                cur_path.display(),
                ln + 1
            ));
        };
        let iso3 = s(c, "iso3");
        iso3_of.insert(iso2.to_string(), iso3.clone());
        let mut names: Vec<&str> = cells[2]
            .split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect();
        let en = s(c, "name");
        let mut r = Row {
            id: format!(
                "geonames:{}",
                c.get("geonameid").and_then(Value::as_u64).unwrap_or(0)
            ),
            kind: "country".into(),
            name_en: en.clone(),
            name_ar: cells[1].trim().to_string(),
            lat: cells[3].trim().parse().ok(),
            lon: cells[4].trim().parse().ok(),
            country: iso3,
            pop: c.get("population").and_then(Value::as_u64).unwrap_or(0),
            source: "geonames+curated".into(),
            ..Row::default()
        };
        names.push(&en);
        for n in names {
            r.add_name(n);
        }
        r.tsv(&mut ctext);
        n_countries += 1;
    }

    // ---------- neighbours ----------
    let nb = read_jsonl(&data.join("gazetteer/neighbours_places.jsonl"))?;
    let mut n_nb = 0;
    for g in &nb {
        let ar: Vec<String> = g
            .get("alternatenames")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .filter(|x| {
                        has_arabic(x)
                            && !x.chars().any(|c| {
                                matches!(
                                    c,
                                    'پ' | 'گ' | 'چ' | 'ژ' | 'ی' | 'ک' | 'ۆ' | 'ێ' | 'ڵ' | 'ڕ'
                                )
                            })
                    })
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        if ar.is_empty() {
            continue;
        }
        let cc = s(g, "countrycode");
        let Some(iso3) = iso3_of.get(&cc).cloned() else {
            continue;
        };
        let pop = g.get("population").and_then(Value::as_u64).unwrap_or(0);
        let gid = g.get("geonameid").and_then(Value::as_u64).unwrap_or(0);
        let mut r = Row {
            id: format!("geonames:{gid}"),
            kind: kind_by_pop(pop).into(),
            name_en: s(g, "name"),
            name_ar: ar[0].clone(),
            lat: f(g, "latitude"),
            lon: f(g, "longitude"),
            country: iso3,
            pop,
            source: "geonames".into(),
            ..Row::default()
        };
        for n in ar.iter().skip(1) {
            r.add_name(n);
        }
        if pop < 1000 {
            r.flags.push("cue".into());
        }
        rows.push(r);
        n_nb += 1;
    }

    // ---------- curated overrides (English names, extra variants) ----------
    let ov_path = out_dir.join("place_overrides.tsv");
    let mut n_ov = 0;
    if let Ok(ov) = std::fs::read_to_string(&ov_path) {
        let idx: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        for (ln, line) in ov.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("id\t") {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let Some(&i) = idx.get(cells[0].trim()) else {
                return Err(format!(
                    "{}:{}: unknown id {}",
                    ov_path.display(),
                    ln + 1,
                    cells[0]
                ));
            };
            let r = &mut rows[i];
            if let Some(en) = cells.get(1).map(|x| x.trim()).filter(|x| !x.is_empty()) {
                let old = std::mem::replace(&mut r.name_en, en.to_string());
                r.add_name(&old);
            }
            if let Some(ar) = cells.get(3).map(|x| x.trim()).filter(|x| !x.is_empty()) {
                let old = std::mem::replace(&mut r.name_ar, ar.to_string());
                r.names.retain(|n| n != ar);
                r.add_name(&old);
            }
            for n in cells.get(2).copied().unwrap_or("").split('|') {
                r.add_name(n);
            }
            // A place worth an override is the best-known one of its name.
            if !r.flags.iter().any(|f| f == "prominent") {
                r.flags.push("prominent".into());
            }
            n_ov += 1;
        }
    }
    eprintln!("kb-build: {n_ov} curated overrides");

    // ---------- common-word flags from the news corpus ----------
    let news = data.join("news");
    let freq = token_freq(&news, 40_000);
    let mut n_cue = 0;
    if let Some(Freq {
        all: freq, total, ..
    }) = &freq
    {
        let whitelist = whitelist();
        let per_m = |k: &str| -> f64 {
            let mut c = *freq.get(k).unwrap_or(&0);
            for p in ["و", "ف", "ب", "ل", "وب", "ول", "فب"] {
                c += *freq.get(&format!("{p}{k}")).unwrap_or(&0);
            }
            c as f64 * 1e6 / (*total as f64).max(1.0)
        };
        let first_names: HashSet<String> = FIRST_NAMES.iter().map(|n| key(n)).collect();
        let common = |k: &str| per_m(k) > 15.0 || k.chars().count() <= 2 || first_names.contains(k);
        let mut n_dropped = 0;
        for r in rows.iter_mut() {
            // Single-word variants that are common words (جديدة، السجن، عنه، لد) are dropped:
            // they are qualifiers or transliteration noise, never how the place is reported.
            let before = r.names.len();
            // (admin units keep every curated alias)
            let keep_all = r.pop >= 100_000
                || r.flags.iter().any(|f| f == "prominent")
                || matches!(r.kind.as_str(), "governorate" | "district");
            r.names.retain(|n| {
                let k = key(n);
                !has_arabic(n)
                    || k.contains(' ')
                    || whitelist.contains(k.as_str())
                    // big places are reported by these names (طرابلس): keep them all
                    || keep_all
                    || !(common(&k) || per_m(&k) > 4.0)
            });
            n_dropped += before - r.names.len();
            let settlement = matches!(
                r.kind.as_str(),
                "village" | "town" | "city" | "subdistrict" | "district"
            );
            if !settlement {
                continue;
            }
            let k = key(&r.name_ar);
            if k.contains(' ')
                || whitelist.contains(k.as_str())
                || r.flags.iter().any(|f| f == "cue")
            {
                continue;
            }
            // Big places (Syria: 100k+) are never common words... unless the name is a function word or a
            // very frequent noun (وان = وإن, الثورة).
            let big = if r.country == "SYR" {
                r.pop >= 100_000
            } else {
                r.pop >= 500_000
            };
            if big && per_m(&k) < 50.0 {
                continue;
            }
            // Tiny villages rarely make the news by name alone: a stricter threshold.
            let village_word = r.kind == "village" && per_m(&k) > 4.0;
            if (common(&k) || village_word) && !r.flags.iter().any(|f| f == "prominent") {
                r.flags.push("cue".into());
                n_cue += 1;
            }
        }
        eprintln!("kb-build: {n_dropped} common-word variants dropped");
    }

    // ---------- derived word lists for the matcher (no text, only words) ----------
    if let Some(fq) = &freq {
        write_word_lists(&rows, &out_dir, fq)?;
    }

    // ---------- write ----------
    let mut text = String::from(
        "# Generated by `cargo run -p marsad-kb --release --bin kb-build -- ../shared/data` — do not edit;\n\
         # curated additions go to curated_places.tsv. Sources and licences: data/README.md (GeoNames CC BY 4.0,\n\
         # OpenSyria CC BY 4.0, UN OCHA / HDX CC BY-IGO).\n",
    );
    text.push_str(HEADER);
    for r in &rows {
        if r.name_ar.is_empty() {
            continue;
        }
        r.tsv(&mut text);
    }
    std::fs::write(out_dir.join("places.tsv"), &text).map_err(|e| e.to_string())?;
    let mut ctext2 = String::from(
        "# Generated by kb-build from gazetteer/countries.json (GeoNames, CC BY 4.0) and the curated\n\
         # Arabic names in countries_ar.tsv — do not edit; edit countries_ar.tsv.\n",
    );
    ctext2.push_str(&ctext);
    std::fs::write(out_dir.join("countries.tsv"), &ctext2).map_err(|e| e.to_string())?;
    eprintln!(
        "kb-build: {} admin units, {} OCHA communities ({} without sub-district), GeoNames Syria: {} merged, {} added; \
         {} neighbour places; {} countries; {} common-word flags{}; {} bytes; {:.1}s",
        n_admin,
        comm.len(),
        missing_parent,
        merged,
        added,
        n_nb,
        n_countries,
        n_cue,
        if freq.is_none() { " (no news corpus)" } else { "" },
        text.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Words per million in documents that never name Syria above which a Syrian place name is a
/// common word (or another country's place): it matches only after a cue (حي/مدينة/بلدة ...) or
/// next to its own city or governorate.
const COMMON_NON_SYRIA_PER_M: f64 = 1.5;

/// The same bar for the names of frequently reported places ([`whitelist`]): الباب (36 per
/// million), القصير (18), السلمية (15) and السفيرة (4.9) are flagged, نبل (1.5) and البصيرة (1.9)
/// are not.
const COMMON_NON_SYRIA_PER_M_REPORTED: f64 = 3.0;

/// The same bar for an article-less variant of a الـ name (رقة of الرقة, 1 per million outside
/// Syrian news: "gentleness"): such variants are rare in reports.
const COMMON_NON_SYRIA_PER_M_ARTICLELESS: f64 = 0.5;

/// Names of places outside Syria that are common words in the news (found in 5,000 SaudiNewsNet
/// articles): عشاق "lovers" (Uşak), بورصة "stock exchange" (Bursa), أمان "safety" (a variant of
/// Amman), العمارة "architecture" (Amarah), المدينة "the city" (an Iraqi al-Madinah), بركة
/// "pond, blessing" (Baharkah), الفاو (the FAO; al-Faw). Any reading of them needs a cue.
const COMMON_ANY: [&str; 7] = [
    "عشاق",
    "بورصة",
    "أمان",
    "العمارة",
    "المدينة",
    "بركة",
    "الفاو",
];

/// Proclitic strings the matcher may split off a word.
const PROCLITICS: [&str; 11] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// Writes `common_words.txt` (single-word Syrian place names frequent in documents that do not
/// name Syria: الباب، التضامن، رقه، السلميه ...) and `no_split.txt` (whole words that must not
/// be read as proclitic + place name: فاطمه is not ف + اطمه) — sorted, so the output is
/// deterministic for a given corpus.
fn write_word_lists(rows: &[Row], out_dir: &Path, fq: &Freq) -> Res<()> {
    // Every single-word Arabic place name: generated rows and curated ones.
    let mut names: Vec<(String, bool)> = Vec::new(); // (key, Syrian)
                                                     // article-less variants of الـ names (رقه of الرقه): a lower bar
    let mut articleless: HashSet<String> = HashSet::new();
    for r in rows {
        let syr = r.country == "SYR";
        let main = key(&r.name_ar);
        for n in std::iter::once(&r.name_ar).chain(r.names.iter()) {
            let k = key(n);
            if syr && main.strip_prefix("ال") == Some(k.as_str()) {
                articleless.insert(k.clone());
            }
            names.push((k, syr));
        }
    }
    let cur = std::fs::read_to_string(out_dir.join("curated_places.tsv")).unwrap_or_default();
    let mut header: Vec<&str> = Vec::new();
    for line in cur.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if header.is_empty() {
            header = cells;
            continue;
        }
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .and_then(|i| cells.get(i))
                .copied()
                .unwrap_or("")
        };
        let syr = col("country").trim() == "SYR";
        for n in std::iter::once(col("name_ar")).chain(col("names").split('|')) {
            names.push((key(n), syr));
        }
    }
    // Kunyas (أبو عبيدة، أم ولد) are people before they are villages: two-word Syrian names
    // أبو/أم + a first name or a common word are common phrases.
    let kunyas: Vec<(String, String)> = names
        .iter()
        .filter(|(_, syr)| *syr)
        .filter_map(|(k, _)| {
            let (a, b) = k.split_once(' ')?;
            (matches!(a, "ابو" | "ام") && !b.contains(' ')).then(|| (k.clone(), b.to_string()))
        })
        .collect();
    names.retain(|(k, _)| !k.is_empty() && !k.contains(' ') && has_arabic(k));
    let first_names: HashSet<String> = FIRST_NAMES.iter().map(|n| key(n)).collect();
    let whitelist = whitelist();
    let all_keys: HashSet<&str> = names.iter().map(|(k, _)| k.as_str()).collect();
    let mut common: std::collections::BTreeSet<String> = Default::default();
    let mut no_split: std::collections::BTreeSet<String> = Default::default();
    for (k, _) in &names {
        let stem = *fq.all.get(k.as_str()).unwrap_or(&0);
        // (proclitic, name as it follows it): ل + لاذقيه for اللاذقيه
        let mut forms: Vec<(&str, String)> = PROCLITICS.iter().map(|p| (*p, k.clone())).collect();
        if let Some(rest) = k.strip_prefix('ا').filter(|_| k.starts_with("ال")) {
            for p in ["ل", "ول", "فل"] {
                forms.push((p, rest.to_string()));
            }
        }
        for (p, name) in forms {
            // ل + لقدس is how القدس is written after ل (للقدس): not this name's business
            if p.ends_with('ل') && all_keys.contains(format!("ا{name}").as_str()) {
                continue;
            }
            let whole = format!("{p}{name}");
            let c = *fq.all.get(whole.as_str()).unwrap_or(&0);
            if (c >= 20 && c > 4 * stem) || first_names.contains(&whole) {
                if std::env::var_os("KB_BUILD_DEBUG").is_some() {
                    eprintln!("nosplit\t{whole}\t{c}\t{stem}");
                }
                no_split.insert(format!("{p}+{name}"));
            }
        }
    }
    // (a word that is never split, فاطمه, does not count as ف + اطمه)
    let ns_per_m = |k: &str| -> f64 {
        let mut c = *fq.non_syria.get(k).unwrap_or(&0);
        for p in PROCLITICS {
            if !no_split.contains(&format!("{p}+{k}")) {
                c += *fq.non_syria.get(&format!("{p}{k}")).unwrap_or(&0);
            }
        }
        c as f64 * 1e6 / (fq.non_syria_total as f64).max(1.0)
    };
    for (k, second) in &kunyas {
        if !whitelist.contains(k.as_str())
            && (first_names.contains(second) || ns_per_m(second) > COMMON_NON_SYRIA_PER_M)
        {
            common.insert(k.clone());
        }
    }
    for (k, syr) in &names {
        if std::env::var_os("KB_BUILD_DEBUG").is_some() && *syr && ns_per_m(k) > 0.5 {
            eprintln!("band\t{k}\t{:.2}", ns_per_m(k));
        }
        // Names of frequently reported places (the whitelist) get a higher bar.
        let bar = if articleless.contains(k) {
            COMMON_NON_SYRIA_PER_M_ARTICLELESS
        } else if whitelist.contains(k.as_str()) {
            COMMON_NON_SYRIA_PER_M_REPORTED
        } else {
            COMMON_NON_SYRIA_PER_M
        };
        if *syr && !KEEP_BARE.contains(&k.as_str()) && ns_per_m(k) > bar {
            common.insert(k.clone());
        }
    }
    if std::env::var_os("KB_BUILD_DEBUG").is_some() {
        let mut v: Vec<(f64, &String)> = common.iter().map(|k| (ns_per_m(k), k)).collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (r, k) in v {
            eprintln!("common\t{k}\t{r:.1}");
        }
    }
    let mut text = String::from(
        "# Generated by kb-build from token counts of the news corpus (../shared/data/news, documents\n\
         # that never name Syria) — do not edit. Single-word Syrian place names that are common words\n\
         # elsewhere: matched only after a cue word or next to their own city/governorate.\n",
    );
    for k in &common {
        text.push_str(k);
        text.push('\n');
    }
    text.push_str(
        "# Curated (kb-build's COMMON_ANY): names of places outside Syria that are common words in\n\
         # Saudi news; `*` = every reading of the name needs the cue, not only the Syrian ones.\n",
    );
    let mut any: Vec<String> = COMMON_ANY.iter().map(|w| key(w)).collect();
    any.sort();
    for k in any {
        text.push_str(&k);
        text.push_str("\t*\n");
    }
    std::fs::write(out_dir.join("common_words.txt"), &text).map_err(|e| e.to_string())?;
    let mut text = String::from(
        "# Generated by kb-build from token counts of the news corpus — do not edit. Whole words that\n\
         # are more frequent than the place name inside them (or are first names), as proclitic+name:\n\
         # that split is never made (فاطمه is not ف + اطمه; ولبنان is still و + لبنان).\n",
    );
    for k in &no_split {
        text.push_str(k);
        text.push('\n');
    }
    std::fs::write(out_dir.join("no_split.txt"), &text).map_err(|e| e.to_string())?;
    eprintln!(
        "kb-build: {} common-word place names, {} unsplittable words",
        common.len(),
        no_split.len()
    );
    Ok(())
}

/// Syrian names kept matchable bare although they are frequent outside Syrian news (the lead's
/// call: دوما as written names Douma; the Golan is reported everywhere; the diacritized adverb دوماً/دومًا is rejected by the
/// matcher's tanween rule).
const KEEP_BARE: [&str; 2] = ["دوما", "الجولان"];

/// Common Arabic personal names: a village called غسان or خالد is matched only after a cue.
const FIRST_NAMES: [&str; 119] = [
    "محمد",
    "أحمد",
    "محمود",
    "مصطفى",
    "علي",
    "حسن",
    "حسين",
    "خالد",
    "عمر",
    "عثمان",
    "إبراهيم",
    "يوسف",
    "يونس",
    "موسى",
    "عيسى",
    "سليمان",
    "داود",
    "إسماعيل",
    "إسحاق",
    "يعقوب",
    "صالح",
    "سالم",
    "سليم",
    "سعيد",
    "سعد",
    "سعود",
    "فهد",
    "فيصل",
    "ناصر",
    "نصر",
    "منصور",
    "جمال",
    "كمال",
    "جلال",
    "بلال",
    "هلال",
    "عادل",
    "عدنان",
    "غسان",
    "حسان",
    "حسام",
    "عصام",
    "هشام",
    "وسام",
    "بسام",
    "عماد",
    "رياض",
    "زياد",
    "مراد",
    "فؤاد",
    "جواد",
    "رشيد",
    "وليد",
    "خليل",
    "جميل",
    "نبيل",
    "شريف",
    "لطيف",
    "عبدالله",
    "عبد الله",
    "عبدالرحمن",
    "طارق",
    "ماجد",
    "حامد",
    "راشد",
    "مازن",
    "معاذ",
    "أنس",
    "أيمن",
    "أسامة",
    "حمزة",
    "طلال",
    "نزار",
    "نزيه",
    "وائل",
    "ياسر",
    "ياسين",
    "قاسم",
    "هاشم",
    "هادي",
    "مهدي",
    "رامي",
    "سامي",
    "فادي",
    "شادي",
    "ربيع",
    "سمير",
    "منير",
    "بشير",
    "نذير",
    "فريد",
    "مجيد",
    "حميد",
    "سعدون",
    "مرعي",
    "فاطمة",
    "عائشة",
    "مريم",
    "زينب",
    "خديجة",
    "سارة",
    "هند",
    "ليلى",
    "سلمى",
    "نور",
    "هدى",
    "أمل",
    "رنا",
    "دعاء",
    "سعاد",
    "جميلة",
    "حليمة",
    "كريمة",
    "نادية",
    "صباح",
    "عمار",
    "أمين",
    "مأمون",
    "ميسر",
];

/// Names that are real, frequently reported places: never flagged as common words.
fn whitelist() -> HashSet<&'static str> {
    [
        "دوما",
        "حرستا",
        "عربين",
        "زملكا",
        "سقبا",
        "حموريه",
        "داريا",
        "مضايا",
        "الزبداني",
        "كفريا",
        "الفوعه",
        "جوبر",
        "برزه",
        "القابون",
        "جرابلس",
        "عفرين",
        "منبج",
        "الباب",
        "اعزاز",
        "تلبيسه",
        "الرستن",
        "مديرا",
        "جسرين",
        "عفتريس",
        "نبل",
        "الزهراء",
        "الراعي",
        "البوكمال",
        "الميادين",
        "تدمر",
        "القصير",
        "يبرود",
        "النبك",
        "قاره",
        "عرسال",
        "سراقب",
        "اريحا",
        "معرتمصرين",
        "بنش",
        "تفتناز",
        "الهبيط",
        "كفرنبل",
        "خان شيخون",
        "مورك",
        "اللطامنه",
        "كفرزيتا",
        "صوران",
        "حلفايا",
        "طيبه الامام",
        "السلميه",
        "مصياف",
        "جبله",
        "بانياس",
        "القرداحه",
        "الحفه",
        "ربيعه",
        "الشيخ مسكين",
        "نوى",
        "انخل",
        "الصنمين",
        "ازرع",
        "بصرى",
        "طفس",
        "المزيريب",
        "داعل",
        "ابطع",
        "خربه غزاله",
        "بيت جن",
        "ديماس",
        "جمرايا",
        "التل",
        "دير العصافير",
        "المليحه",
        "كفربطنا",
        "عين ترما",
        "مسرابا",
        "حزه",
        "بيت سوا",
        "الشيفونيه",
        "النشابيه",
        "المرج",
        "ضمير",
        "الرحيبه",
        "جيرود",
        "الضمير",
        "عدرا",
        "معضميه",
        "قدسيا",
        "الهامه",
        "جديده عرطوز",
        "الكسوه",
        "ببيلا",
        "يلدا",
        "بيت سحم",
        "السيده زينب",
        "الحجر الاسود",
        "تل ابيض",
        "راس العين",
        "عين العرب",
        "كوباني",
        "الطبقه",
        "الشدادي",
        "الهول",
        "عامودا",
        "الدرباسيه",
        "المالكيه",
        "القحطانيه",
        "تل تمر",
        "اليعربيه",
        "الحسكه",
        "القامشلي",
        "الرقه",
        "دير الزور",
        "البصيره",
        "الشحيل",
        "هجين",
        "الكبر",
        "مركده",
        "السفيره",
        "دارة عزة",
        "اليرموك",
        "ابو الظهور",
    ]
    .into_iter()
    .collect()
}

/// Token frequencies of the normalized news corpus (first `limit` articles per file), via
/// `gzip -dc`. `None` when the corpus or gzip is absent.
/// Token counts of the news corpus: all documents, and the documents that never name Syria
/// (see [`SYRIA_SIGNAL`]) — a word frequent there is a common word or a place elsewhere.
struct Freq {
    all: HashMap<String, u64>,
    total: u64,
    non_syria: HashMap<String, u64>,
    non_syria_total: u64,
}

/// Normalized words (after و/ف/ب/ل/ك) that show a document is about Syria.
const SYRIA_SIGNAL: [&str; 24] = [
    "سوريا",
    "سوريه",
    "السوري",
    "السوريه",
    "السوريين",
    "السوريون",
    "السوريات",
    "سوري",
    "دمشق",
    "حلب",
    "ادلب",
    "حمص",
    "حماه",
    "درعا",
    "الرقه",
    "الحسكه",
    "اللاذقيه",
    "طرطوس",
    "السويداء",
    "القنيطره",
    "القامشلي",
    "الاسد",
    "داعش",
    "الزور",
];

fn syria_signal(w: &str) -> bool {
    let mut v = w;
    for _ in 0..2 {
        if SYRIA_SIGNAL.contains(&v) {
            return true;
        }
        match v.chars().next() {
            Some(c @ ('و' | 'ف' | 'ب' | 'ل' | 'ك')) if v.chars().count() > 3 => {
                v = &v[c.len_utf8()..]
            }
            _ => break,
        }
    }
    SYRIA_SIGNAL.contains(&v)
}

fn token_freq(dir: &Path, limit: usize) -> Option<Freq> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let mut freq: HashMap<String, u64> = HashMap::new();
    let mut total = 0u64;
    let mut ns: HashMap<String, u64> = HashMap::new();
    let mut ns_total = 0u64;
    for p in files {
        let mut child = Command::new("gzip")
            .arg("-dc")
            .arg(&p)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let out = child.stdout.take()?;
        for (n, line) in BufReader::new(out).lines().enumerate() {
            if n >= limit {
                break;
            }
            let Ok(line) = line else { break };
            let Ok(v) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let t = format!("{} {}", s(&v, "title"), s(&v, "text"));
            let norm = marsad_kb::norm::normalize(&t).text;
            let words: Vec<&str> = norm
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let syrian = words.iter().any(|w| syria_signal(w));
            for w in words {
                total += 1;
                *freq.entry(w.to_string()).or_insert(0) += 1;
                if !syrian {
                    ns_total += 1;
                    *ns.entry(w.to_string()).or_insert(0) += 1;
                }
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    (total > 0).then_some(Freq {
        all: freq,
        total,
        non_syria: ns,
        non_syria_total: ns_total,
    })
}
