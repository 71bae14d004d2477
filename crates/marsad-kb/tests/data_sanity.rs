//! The bundled data: coverage counts, coordinates inside their country and near their parent,
//! the country table's Arabic names, the actor hierarchy, and `--kb-extra` loading and errors.

use marsad_kb::{ActorKind, EntryRef, Kb, KbError, PlaceKind};
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::bundled().expect("bundled kb loads"))
}

#[test]
fn coverage_counts() {
    let s = kb().stats();
    assert!(s.syrian_places >= 6000, "{} Syrian places", s.syrian_places);
    assert_eq!(s.places_by_kind["governorate"], 14);
    assert_eq!(s.places_by_kind["district"], 62);
    assert_eq!(s.places_by_kind["subdistrict"], 272);
    let ocha = kb()
        .places()
        .iter()
        .filter(|p| p.id.starts_with("ocha:"))
        .count();
    assert_eq!(ocha, 5622);
    assert!(
        s.curated_neighbourhoods >= 150,
        "{} neighbourhoods",
        s.curated_neighbourhoods
    );
    assert!(s.actors >= 300, "{} actors", s.actors);
    assert!(s.actor_aliases >= 1500, "{} aliases", s.actor_aliases);
}

#[test]
fn places_lie_in_their_country_and_near_their_parent() {
    let kb = kb();
    // (country, lat min, lat max, lon min, lon max), with a small margin for border points.
    let boxes: &[(&str, f64, f64, f64, f64)] = &[
        ("SYR", 32.2, 37.45, 35.5, 42.5),
        ("TUR", 35.7, 42.2, 25.6, 44.9),
        ("IRQ", 29.0, 37.5, 38.7, 48.7),
        ("LBN", 33.0, 34.8, 35.0, 36.7),
        ("JOR", 29.1, 33.5, 34.8, 39.4),
        ("ISR", 29.4, 33.4, 34.2, 35.95),
        ("PSE", 31.2, 32.6, 34.2, 35.6),
    ];
    let mut bad = Vec::new();
    for p in kb.places() {
        let (Some(la), Some(lo)) = (p.lat, p.lon) else {
            if p.kind != PlaceKind::Country {
                bad.push(format!("{} has no coordinates", p.id));
            }
            continue;
        };
        if let Some(b) = boxes.iter().find(|b| b.0 == p.country) {
            if !(b.1..=b.2).contains(&la) || !(b.3..=b.4).contains(&lo) {
                bad.push(format!("{} ({la}, {lo}) outside {}", p.id, p.country));
            }
        }
        let Some(par) = p.parent else { continue };
        let pp = kb.place(par);
        let (Some(pla), Some(plo)) = (pp.lat, pp.lon) else {
            continue;
        };
        let d = marsad_kb::dist_km((la, lo), (pla, plo));
        let max = match (p.kind, pp.kind) {
            (_, PlaceKind::Country) => {
                if matches!(
                    p.country.as_str(),
                    "RUS" | "USA" | "CAN" | "CHN" | "AUS" | "BRA"
                ) {
                    5000.0
                } else {
                    1500.0
                }
            }
            (PlaceKind::Neighbourhood, PlaceKind::City | PlaceKind::Town) => 12.0,
            (PlaceKind::Facility, PlaceKind::City | PlaceKind::Town) => 25.0,
            (_, PlaceKind::Governorate) => 300.0,
            (_, PlaceKind::District) => 120.0,
            (_, PlaceKind::Subdistrict) => 100.0,
            _ => 150.0,
        };
        if d > max {
            bad.push(format!(
                "{} is {d:.0} km from its parent {} (max {max})",
                p.id, pp.id
            ));
        }
        if p.country != pp.country && pp.kind != PlaceKind::Country {
            bad.push(format!(
                "{} ({}) has parent {} in {}",
                p.id, p.country, pp.id, pp.country
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn curated_places_say_how_precise_they_are() {
    for p in kb()
        .places()
        .iter()
        .filter(|p| p.id.starts_with("curated:"))
    {
        assert!(p.lat.is_some(), "{}", p.id);
        assert!((1..=3).contains(&p.precision), "{}", p.id);
        if p.kind == PlaceKind::Neighbourhood {
            assert!(p.parent.is_some(), "{} has no parent city", p.id);
        }
    }
}

#[test]
fn country_table_has_arabic_names() {
    let kb = kb();
    // Arab League members, Syria's neighbours, the major powers and the states in the news.
    let required = [
        "SYR", "LBN", "JOR", "IRQ", "PSE", "SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "YEM", "EGY",
        "LBY", "TUN", "DZA", "MAR", "MRT", "SDN", "SOM", "DJI", "COM", "TUR", "ISR", "IRN", "RUS",
        "USA", "GBR", "FRA", "DEU", "CHN", "ITA", "ESP", "JPN", "IND", "PAK", "AFG", "UKR", "CAN",
        "AUS", "GRC", "CYP", "ARM", "AZE", "KAZ", "BEL", "NLD", "SWE", "CHE", "AUT",
    ];
    for iso in required {
        let c = kb
            .places()
            .iter()
            .find(|p| p.kind == PlaceKind::Country && p.country == iso)
            .unwrap_or_else(|| panic!("no country {iso}"));
        assert!(
            c.name_ar
                .chars()
                .any(|ch| ('\u{0621}'..='\u{064A}').contains(&ch)),
            "{iso}"
        );
        assert!(c.lat.is_some(), "{iso} has no centroid");
        // Its Arabic name resolves to it (or to a place in it).
        let ms = kb.find(&format!("زار الوفد {} أمس", c.name_ar));
        assert!(
            ms.iter()
                .any(|m| m.place.is_some_and(|p| kb.place(p).country == iso)),
            "{iso}: {} does not resolve",
            c.name_ar
        );
    }
    assert!(kb.stats().countries >= 170);
}

#[test]
fn actor_hierarchy() {
    let kb = kb();
    let id = |s: &str| match kb.by_id(s) {
        Some(EntryRef::Actor(a)) => a,
        other => panic!("{s}: {other:?}"),
    };
    let chain: Vec<&str> = kb
        .actor_ancestors(id("actor:syr-4th-div"))
        .map(|a| kb.actor(a).id.as_str())
        .collect();
    assert_eq!(chain, ["actor:saa", "actor:syr-gov"]);
    let asayish = kb.actor(id("actor:asayish"));
    assert_eq!(asayish.name, "Asayish");
    assert_eq!(
        asayish.parent.map(|p| kb.actor(p).name.as_str()),
        Some("Autonomous Administration")
    );
    assert!(asayish.allies.iter().any(|a| a == "actor:sdf"));
    assert_eq!(kb.actor(id("actor:sdf")).sector, "REB");
    assert_eq!(kb.actor(id("actor:med-sana")).kind, ActorKind::Media);
    assert_eq!(kb.actor(id("actor:src-local")).kind, ActorKind::Source);
    // Canonical names as the guideline spells them.
    for (i, name) in [
        ("actor:syr-forces", "Syrian government forces"),
        ("actor:sdf", "Syrian Democratic Forces"),
        ("actor:aa", "Autonomous Administration"),
        ("actor:state-russia", "Russia"),
        ("actor:state-turkey", "Turkey"),
        ("actor:is", "Islamic State"),
        ("actor:hts", "Hayat Tahrir al-Sham / Nusra Front"),
        ("actor:fsa", "Free Syrian Army"),
        ("actor:jaysh-al-islam", "Jaysh al-Islam"),
        ("actor:faylaq-al-rahman", "Faylaq al-Rahman"),
        ("actor:coalition", "International coalition"),
        ("actor:state-israel", "Israel"),
        ("actor:state-iran", "Iran"),
        ("actor:hezbollah", "Hezbollah"),
        ("actor:un", "United Nations"),
        ("actor:civilians", "civilians"),
        ("actor:syr-4th-div", "4th Armoured Division"),
    ] {
        assert_eq!(kb.actor(id(i)).name, name);
    }
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-kb-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

#[test]
fn kb_extra_adds_places_and_actors_the_same_day() {
    let d = tmpdir("ok");
    std::fs::write(
        d.join("my_places.tsv"),
        "id\tkind\tname_en\tname_ar\tnames\tparent\tlat\tlon\tflags\n\
         user:tal-fake\tvillage\tTal Fakhkhar\tتل فخار\tتل الفخار\tpcode:SY08\t36.60\t40.80\t\n",
    )
    .expect("write");
    std::fs::write(
        d.join("my_actors.tsv"),
        "id\tname\tkind\tsector\tcountry\tparent\taliases\n\
         user:liwa-x\tLiwa al-Fajr al-Jadid\tarmed_group\tREB\tSYR\tactor:sna\tلواء الفجر الجديد|الفجر الجديد\n",
    )
    .expect("write");
    // An entry with an existing id replaces the bundled one.
    std::fs::write(
        d.join("fix.tsv"),
        "id\tkind\tname_en\tname_ar\tnames\tparent\tlat\tlon\n\
         curated:aleppo-sheikh-maqsoud\tneighbourhood\tSheikh Maqsood\tالشيخ مقصود\tحي الشيخ مقصود\tocha:C1007\t36.227\t37.155\n",
    )
    .expect("write");
    let kb = Kb::load(Some(&d)).expect("loads");
    let sm = kb
        .places()
        .iter()
        .find(|p| p.id == "curated:aleppo-sheikh-maqsoud")
        .expect("sm");
    assert_eq!(sm.name_en, "Sheikh Maqsood");
    assert_eq!(kb.places().iter().filter(|p| p.id == sm.id).count(), 1);
    let t = "هاجم لواء الفجر الجديد قرية تل فخار بريف الحسكة";
    let ms = kb.find(t);
    let names: Vec<&str> = ms.iter().map(|m| kb.display_name(m)).collect();
    assert!(names.contains(&"Liwa al-Fajr al-Jadid"), "{names:?}");
    assert!(names.contains(&"Tal Fakhkhar"), "{names:?}");
    let p = kb
        .places()
        .iter()
        .find(|p| p.id == "user:tal-fake")
        .expect("place");
    assert_eq!(p.admin1.as_deref(), Some("Al-Hasakah"));
    assert_eq!(p.source, "user");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn kb_extra_errors_name_file_line_and_problem() {
    let cases = [
        ("id\tkind\tname_ar\tlat\tlon\nuser:x\thamlet\tقرية\t36\t40\n", "unknown place kind `hamlet`"),
        ("id\tkind\tname_ar\tlat\tlon\nuser:x\tvillage\tقرية\t96\t40\n", "lat 96 of `user:x` is out of range"),
        ("id\tkind\tname_ar\tlat\tlon\nuser:x\tvillage\tقرية\tabc\t40\n", "is not a number"),
        ("id\tkind\tname_ar\tparent\nuser:x\tvillage\tقرية\tpcode:SY99\n", "parent `pcode:SY99`"),
        ("id\tname\tkind\tsector\taliases\nuser:a\tX\tarmed_group\t\tفصيل\n", "needs a sector code"),
        ("id\tname\tkind\tsector\taliases\nuser:a\tX\tarmed_group\tREB\t\n", "has no aliases"),
        ("id\tname\tkind\tsector\taliases\tparent\nuser:a\tX\tarmed_group\tREB\tفصيل\tactor:nope\n", "parent `actor:nope`"),
        ("what\tever\n", "header row"),
        ("id\tkind\tname_ar\nuser:x\tvillage\tقرية\nuser:x\tvillage\tقرية\n", "duplicate id `user:x`"),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let d = tmpdir(&format!("bad{i}"));
        let f = d.join("extra.tsv");
        std::fs::write(&f, text).expect("write");
        match Kb::load(Some(&d)) {
            Ok(_) => panic!("case {i} loaded: {text}"),
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains(want), "case {i}: {msg}");
                assert!(msg.contains("extra.tsv"), "case {i} names no file: {msg}");
                if let KbError::Entry { line, .. } = e {
                    assert!(line >= 1, "case {i}: line {line}");
                }
            }
        }
        let _ = std::fs::remove_dir_all(&d);
    }
    assert!(Kb::load(Some(std::path::Path::new("/nonexistent/marsad"))).is_err());
}
