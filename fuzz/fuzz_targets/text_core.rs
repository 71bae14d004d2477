//! Fuzzes every function of the text core: no panics, every offset on a char boundary,
//! normalization maps back to the same characters.

#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_text::*;
use marsad_types::Date;

fn check(s: &str, r: &std::ops::Range<usize>) {
    assert!(r.start <= r.end && r.end <= s.len(), "{r:?} out of {}", s.len());
    assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end), "{r:?} not on boundaries");
}

fuzz_target!(|data: &[u8]| {
    // The first two bytes pick a publication date; the rest is the text.
    let (days, rest) = match data {
        [a, b, rest @ ..] => (i64::from(u16::from_le_bytes([*a, *b])) + 10_000, rest),
        _ => (17_000, data),
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };

    let n = normalize(s);
    assert_eq!(n.text, normalize_word(s));
    for (i, c) in n.text.char_indices() {
        let r = n.to_original(i..i + c.len_utf8());
        check(s, &r);
        assert!(normalize_word(&s[r.clone()]).contains(c));
    }
    let whole = n.to_original(0..n.text.len());
    check(s, &whole);
    let _ = n.to_original(n.text.len() / 2..usize::MAX);
    let _ = is_normalized(s);

    let mut last = 0;
    for r in sentences(s) {
        check(s, &r);
        assert!(r.start >= last && r.start < r.end);
        last = r.end;
    }

    let toks = tokenize(s);
    for t in &toks {
        check(s, &t.span);
        let w = &t.norm;
        let seg = segment(w, |k| k.len() % 3 == 0);
        for r in [&seg.prefix, &seg.stem, &seg.suffix] {
            check(w, r);
        }
        let _ = seg.key(w);
        for c in strip_prefixes(w) {
            let _ = c.key(w);
        }
        for e in strip_suffixes(w) {
            assert!(w.is_char_boundary(e));
        }
        let _ = parse_number(w);
        let _ = unit_of_word(w);
    }
    let mut n_tok = 0;
    for_each_token(s, |r, _| {
        check(s, &r);
        n_tok += 1;
    });
    assert_eq!(n_tok, toks.len());

    let published = Date::from_days(days);
    for t in find_times(s, Some(published)).iter().chain(find_times(s, None).iter()) {
        check(s, &t.span);
    }
    let shared = find_times_in(s, &toks, Some(published));
    assert_eq!(shared, find_times(s, Some(published)));
    let spans: Vec<_> = shared.iter().map(|t| t.span.clone()).collect();
    for q in find_quantities_in(s, &toks, &spans) {
        check(s, &q.span);
    }
    for q in find_quantities(s) {
        check(s, &q.span);
        check(s, &q.number);
        if let Some(u) = &q.unit_span {
            check(s, u);
        }
        assert!(q.value.is_finite());
    }
});
