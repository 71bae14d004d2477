//! Property test: the matcher never panics, every span lies on character boundaries inside
//! the text, and `kb match` records count code points within the text.

use marsad_kb::Kb;
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::bundled().expect("bundled kb loads"))
}

/// Pieces that exercise the matcher: names with and without clitics, diacritics, tatweel,
/// tanween, presentation forms, controls, mixed scripts.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("حلب".to_string()),
        Just("وبحلب".to_string()),
        Just("للنظام".to_string()),
        Just("قوات سوريا الديمقراطية".to_string()),
        Just("الشيخ مقصود".to_string()),
        Just("دوماً".to_string()),
        Just("لـ".to_string()),
        Just("ـ".to_string()),
        Just("\u{064B}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{FEFB}".to_string()),
        Just("ﺣﻠﺐ".to_string()),
        Just("\u{a0}".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("،".to_string()),
        Just("و".to_string()),
        Just("ل".to_string()),
        "[\\u{0600}-\\u{06FF} ]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn find_never_panics_and_spans_are_sane(parts in proptest::collection::vec(piece(), 0..12)) {
        let text: String = parts.concat();
        let kb = kb();
        let ms = kb.find(&text);
        let nchars = text.chars().count() as u32;
        for m in &ms {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.outer.start <= m.span.start && m.span.end <= m.outer.end);
            prop_assert!(!m.candidates.is_empty() && m.chosen.is_some());
        }
        for w in ms.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "overlapping mentions");
        }
        for r in kb.records("d", &text, &ms) {
            prop_assert!(r.start < r.end && r.end <= nchars);
        }
    }
}
