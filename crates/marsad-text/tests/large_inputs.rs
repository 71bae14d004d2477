//! Whole-pipeline runs on large inputs: a single 300 KB line full of dates and numbers, and
//! a long run of one character. Written so that quadratic behaviour would make them crawl
//! (no timing is asserted, the counts are).

use marsad_text::*;
use marsad_types::Date;

#[test]
fn long_single_line_of_dates_and_numbers() {
    let unit = "في 15 نيسان قتل 12 شخصاً وفي منتصف آذار أمس، ";
    let n = 6_000;
    let text = unit.repeat(n);
    let published = Date::new(2018, 4, 20).ok();
    let times = find_times(&text, published);
    assert_eq!(times.len(), 3 * n);
    let qs = find_quantities(&text);
    assert_eq!(qs.len(), n);
    assert_eq!(sentences(&text).len(), 1);
    let norm = normalize(&text);
    assert_eq!(
        norm.to_original(0..norm.text.len()),
        0..text.trim_end().len() + 1
    );
    assert!(tokenize(&text).len() > 10 * n);
}

#[test]
fn long_runs_of_one_character() {
    for c in ['ا', '.', '٣', 'ـ', '\u{200F}', '«', 'a'] {
        let text = c.to_string().repeat(200_000);
        let n = normalize(&text);
        assert!(n.text.len() <= text.len());
        let _ = sentences(&text);
        let _ = tokenize(&text);
        let _ = find_quantities(&text);
        let _ = find_times(&text, None);
    }
}
