//! Property tests: no function of the text core panics on arbitrary input, every offset it
//! returns lies on a character boundary of the input, and normalization maps back to the
//! same original characters.

use marsad_text::*;
use marsad_types::Date;
use proptest::prelude::*;

/// Characters that exercise the text core: Arabic letters, marks, digits in three scripts,
/// separators, presentation forms, controls, quotes and terminators, ASCII.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('\u{0600}', '\u{06FF}'),
        1 => proptest::char::range('\u{0750}', '\u{077F}'),
        1 => proptest::char::range('\u{08A0}', '\u{08FF}'),
        2 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
        2 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
        1 => proptest::char::range('\u{2000}', '\u{206F}'),
        1 => proptest::char::range('\u{0300}', '\u{036F}'),
        2 => prop::sample::select(vec![
            ' ', '\n', '\r', '\t', '.', ',', '/', '-', '(', ')', '%', '"', '«', '»', '“', '”', '؟',
            '؛', '،', '!', '?', '٫', '٬', 'ـ', '\u{200F}', '\u{FEFF}', '0', '1', '2', '9', '٣',
            '۵', 'a', 'Z',
        ]),
        1 => any::<char>(),
    ]
}

fn interesting_string() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

/// Arabic-looking text assembled from words the recognisers react to.
fn wordy_string() -> impl Strategy<Value = String> {
    let words = vec![
        "أمس",
        "أول",
        "من",
        "الخميس",
        "الماضي",
        "نيسان",
        "كانون",
        "الثاني",
        "منتصف",
        "قبل",
        "عشرين",
        "يوماً",
        "أكثر",
        "نحو",
        "ثلاثة",
        "آلاف",
        "عشر",
        "و",
        "وعشرين",
        "مئة",
        "ألف",
        "مليون",
        "نصف",
        "قتيلين",
        "طناً",
        "عام",
        "2018",
        "15",
        "١٠",
        "٣٫٥",
        "/",
        "-",
        "هـ",
        "رمضان",
        "ذو",
        "الحجة",
        "1439",
        "شهر",
        "العام",
        "الأسبوع",
        "اليوم",
        "عشرات",
        "عدة",
        "في",
        "المئة",
        "%",
        "التاسع",
        "والعشرين",
        "الحادي",
        "12",
        "3",
        "آب",
        "مارس",
        "بالأمس",
        "وأمس",
        "يوم",
        "مساء",
        ".",
        "،",
        "«",
        "»",
        "\n",
        "على",
        "الأقل",
        "تقريباً",
        "ما",
        "لا",
        "يقل",
        "عن",
    ];
    prop::collection::vec(
        prop_oneof![4 => prop::sample::select(words).prop_map(str::to_string), 1 => interesting_string()],
        0..25,
    )
    .prop_map(|v| v.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![interesting_string(), wordy_string(), any::<String>()]
}

fn on_boundaries(s: &str, r: &std::ops::Range<usize>) -> bool {
    r.start <= r.end && r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn normalize_maps_back_to_the_same_characters(s in any_text()) {
        let n = normalize(&s);
        prop_assert_eq!(&n.text, &normalize_word(&s));
        prop_assert_eq!(n.original_len(), s.len());
        // Every normalized character maps to whole original characters, and normalizing those
        // original characters yields a string containing the normalized character.
        for (i, c) in n.text.char_indices() {
            let r = n.to_original(i..i + c.len_utf8());
            prop_assert!(on_boundaries(&s, &r), "{:?} -> {:?}", i, r);
            prop_assert!(!r.is_empty());
            prop_assert!(normalize_word(&s[r.clone()]).contains(c),
                "{:?} from {:?}", c, &s[r]);
        }
        // Ranges are monotone and whole: the full key maps to a span covering every
        // produced character.
        if !n.text.is_empty() {
            let r = n.to_original(0..n.text.len());
            prop_assert!(on_boundaries(&s, &r));
            let inner = normalize_word(&s[r.clone()]);
            prop_assert_eq!(inner, n.text.clone());
        }
        // Arbitrary (even mid-char, reversed, out-of-range) ranges never panic and land on
        // boundaries.
        for a in [0usize, 1, 2, 3, n.text.len() / 2, n.text.len(), n.text.len() + 5] {
            for b in [0usize, 1, 3, n.text.len() / 2 + 1, n.text.len(), usize::MAX] {
                let r = n.to_original(a..b);
                prop_assert!(on_boundaries(&s, &r), "{}..{} -> {:?}", a, b, r);
            }
        }
    }

    #[test]
    fn sentences_partition_non_space_chars(s in any_text()) {
        let rs = sentences(&s);
        let mut last = 0;
        for r in &rs {
            prop_assert!(on_boundaries(&s, r));
            prop_assert!(r.start >= last && r.start < r.end);
            last = r.end;
        }
        // every non-whitespace visible char lies in exactly one sentence
        for (i, c) in s.char_indices() {
            let inside = rs.iter().filter(|r| r.contains(&i)).count();
            let invisible = matches!(c,
                '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}' | '\u{061C}' | '\u{00AD}');
            if !c.is_whitespace() && !invisible {
                prop_assert_eq!(inside, 1, "char {:?} at {}", c, i);
            }
            prop_assert!(inside <= 1);
        }
    }

    #[test]
    fn tokens_are_ordered_on_boundaries_and_normalized(s in any_text()) {
        let toks = tokenize(&s);
        let mut last = 0;
        for t in &toks {
            prop_assert!(on_boundaries(&s, &t.span));
            prop_assert!(t.span.start >= last && t.span.start < t.span.end);
            last = t.span.end;
            prop_assert_eq!(&t.norm, &normalize_word(&s[t.span.clone()]));
        }
    }

    #[test]
    fn segmentation_ranges_cover_the_word(s in any_text()) {
        for t in tokenize(&s) {
            let w = &t.norm;
            for known in [true, false] {
                let seg = segment(w, |k| known && k.chars().count() == 3);
                prop_assert_eq!(seg.prefix.start, 0);
                prop_assert_eq!(seg.prefix.end, seg.stem.start);
                prop_assert_eq!(seg.stem.end, seg.suffix.start);
                prop_assert_eq!(seg.suffix.end, w.len());
                for r in [&seg.prefix, &seg.stem, &seg.suffix] {
                    prop_assert!(on_boundaries(w, r));
                }
                let _ = seg.key(w);
            }
            for c in strip_prefixes(w) {
                prop_assert!(w.is_char_boundary(c.start) && c.start <= w.len());
                let _ = c.key(w);
            }
            for e in strip_suffixes(w) {
                prop_assert!(w.is_char_boundary(e) && e <= w.len());
            }
        }
    }

    #[test]
    fn quantities_and_times_on_boundaries(s in any_text(), days in -30_000i64..40_000) {
        let published = Date::from_days(days);
        let times = find_times(&s, Some(published));
        let mut last = 0;
        for t in &times {
            prop_assert!(on_boundaries(&s, &t.span));
            prop_assert!(t.span.start >= last && t.span.start < t.span.end);
            last = t.span.end;
            prop_assert_eq!(t.date.is_some(), t.precision.is_some());
        }
        for t in find_times(&s, None) {
            prop_assert!(on_boundaries(&s, &t.span));
        }
        let qs = find_quantities(&s);
        let mut last = 0;
        for q in &qs {
            prop_assert!(on_boundaries(&s, &q.span));
            prop_assert!(on_boundaries(&s, &q.number));
            prop_assert!(q.span.start >= last && q.span.start < q.span.end);
            prop_assert!(q.span.start <= q.number.start && q.number.end <= q.span.end);
            if let Some(u) = &q.unit_span {
                prop_assert!(on_boundaries(&s, u));
            }
            prop_assert!(q.value.is_finite() && q.value > 0.0);
            last = q.span.end;
        }
    }
}
