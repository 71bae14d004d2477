//! Quantities and time expressions: a small private adapter (the text core's richer
//! `numbers`/`dates` modules can replace it behind the same two functions).

use crate::text::{norm_word, tokenize, Kind, Tok};
use marsad_types::{Date, Precision};
use std::ops::Range;

/// A number with its unit and what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct QMention {
    /// Bytes of the whole expression.
    pub span: Range<usize>,
    /// Value.
    pub value: f64,
    /// Unit (`ton`, `day`, `person`, `strike`, ...).
    pub unit: Option<String>,
    /// What is counted (`killed`, `injured`, `flour`, ...).
    pub item: Option<String>,
    /// `at_least`, `about`, `vague`.
    pub qualifier: Option<String>,
}

/// A time expression resolved against the publication date.
#[derive(Debug, Clone, PartialEq)]
pub struct TMention {
    /// Bytes of the expression.
    pub span: Range<usize>,
    /// Resolved date.
    pub date: Option<Date>,
    /// Precision.
    pub precision: Option<Precision>,
    /// `explicit`, `relative` or `unresolved`.
    pub basis: String,
}

fn strip(w: &str) -> &str {
    let mut w = w;
    for p in ["و", "ب", "ل"] {
        if w.chars().count() > 3 {
            if let Some(r) = w.strip_prefix(p) {
                w = r;
            }
        }
    }
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

fn digits(s: &str) -> Option<f64> {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' => out.push(c),
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            '.' | '٫' => out.push('.'),
            _ => {}
        }
    }
    out.parse().ok()
}

fn word_number(w: &str) -> Option<(f64, bool)> {
    let v = match strip(w) {
        "واحد" | "واحده" => 1.0,
        "اثنان" | "اثنين" | "اثنتين" | "اثنتان" => 2.0,
        "ثلاث" | "ثلاثه" => 3.0,
        "اربع" | "اربعه" => 4.0,
        "خمس" | "خمسه" => 5.0,
        "ست" | "سته" => 6.0,
        "سبع" | "سبعه" => 7.0,
        "ثماني" | "ثمانيه" | "ثمان" => 8.0,
        "تسع" | "تسعه" => 9.0,
        "عشر" | "عشره" => 10.0,
        "عشرين" | "عشرون" => 20.0,
        "ثلاثين" | "ثلاثون" => 30.0,
        "اربعين" | "اربعون" => 40.0,
        "خمسين" | "خمسون" => 50.0,
        "ستين" | "ستون" => 60.0,
        "سبعين" | "سبعون" => 70.0,
        "ثمانين" | "ثمانون" => 80.0,
        "تسعين" | "تسعون" => 90.0,
        "مئه" | "مائه" => 100.0,
        "مئتين" | "مائتين" | "مئتان" => 200.0,
        "الف" | "الفا" => 1000.0,
        "الفين" | "الفان" => 2000.0,
        "مليون" => 1_000_000.0,
        "عشرات" => return Some((12.0, true)),
        "مئات" => return Some((100.0, true)),
        _ => return None,
    };
    Some((v, false))
}

/// Unit and item of a counted noun (normalised, clitics stripped).
fn unit_of(w: &str) -> Option<(&'static str, Option<&'static str>)> {
    let w = strip(w);
    Some(match w {
        "طن" | "طنا" | "اطنان" => ("ton", None),
        "يوم" | "يوما" | "ايام" => ("day", None),
        "يومين" => ("day", None),
        "اسبوع" | "اسبوعا" | "اسابيع" => ("week", None),
        "شهر" | "شهرا" | "اشهر" | "شهور" => ("month", None),
        "قتيل" | "قتيلا" | "قتلي" => ("person", Some("killed")),
        "جريح" | "جريحا" | "جرحي" | "مصاب" | "مصابا" | "مصابين" => {
            ("person", Some("injured"))
        }
        "شاب" | "شابا" | "شبان" | "شخص" | "شخصا" | "اشخاص" | "مدني" | "مدنيا" | "مدنيين"
        | "طفل" | "طفلا" | "اطفال" | "امراه" | "نساء" | "مسلح" | "مسلحا" | "مسلحين" | "مقاتل"
        | "مقاتلا" | "مقاتلين" | "عنصر" | "عنصرا" | "عناصر" | "لاجي" | "لاجيا" | "فلسطيني"
        | "فلسطينيا" | "ضحيه" | "ضحايا" | "جندي" | "جنديا" | "جنود" | "معتقل" | "معتقلا"
        | "سجين" | "سجينا" => ("person", None),
        "عائله" | "عائلات" | "اسره" | "اسر" => ("family", None),
        "حافله" | "حافلات" => ("bus", None),
        "شاحنه" | "شاحنات" => ("truck", None),
        "غاره" | "غارات" | "ضربه" | "ضربات" => ("strike", None),
        "قذيفه" | "قذائف" | "صاروخ" | "صواريخ" => ("shell", None),
        "برميل" | "براميل" => ("barrel", None),
        "لتر" | "لترا" | "ليتر" => ("liter", None),
        "دولار" | "دولارا" => ("dollar", None),
        "سله" | "سلال" => ("basket", None),
        _ => return None,
    })
}

fn dual_of(w: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match strip(w) {
        "قتيلين" | "قتيلان" => ("person", Some("killed")),
        "جريحين" | "جريحان" => ("person", Some("injured")),
        "مدنيان" | "شخصين" | "شخصان" | "طفلين" | "طفلان" | "جنديان" | "جنديين" | "عنصران"
        | "عنصرين" | "شابين" | "شابان" | "مقاتلان" | "مقاتلين_" => {
            ("person", None)
        }
        "يومين" => ("day", None),
        "اسبوعين" => ("week", None),
        "شهرين" => ("month", None),
        _ => return None,
    })
}

fn item_of(w: &str) -> Option<&'static str> {
    Some(match strip(w) {
        "طحين" => "flour",
        "ادويه" | "دواء" => "medicine",
        "مساعدات" => "aid",
        "محروقات" | "وقود" | "مازوت" => "fuel",
        "قمح" => "wheat",
        "اغذيه" | "غذائيه" | "مواد" => "food",
        _ => return None,
    })
}

fn context_item(toks: &[Tok], i: usize) -> Option<&'static str> {
    // killed / injured / evacuated from the words around the number
    let lo = i.saturating_sub(4);
    for t in toks[lo..i].iter().rev() {
        if t.kind == Kind::End {
            break;
        }
        let w = strip(&t.norm);
        if matches!(w, "مقتل" | "قتل" | "قتلت" | "مصرع" | "وفاه" | "استشهاد")
        {
            return Some("killed");
        }
        if matches!(w, "اصابه" | "اصيب" | "جرح" | "اصابت") {
            return Some("injured");
        }
        if matches!(w, "اجلاء" | "خروج" | "اخراج") {
            return Some("evacuated");
        }
    }
    for t in toks.iter().skip(i + 1).take(4) {
        if t.kind == Kind::End {
            break;
        }
        let w = strip(&t.norm);
        if matches!(w, "قتلوا" | "قضوا" | "لقوا" | "قتل") {
            return Some("killed");
        }
        if matches!(w, "اصيبوا" | "جرحوا") {
            return Some("injured");
        }
    }
    None
}

/// Every counted quantity in `text` (own finder, kept as a fallback and for comparison).
pub fn find_own(text: &str) -> Vec<QMention> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let (mut value, vague) = match t.kind {
            Kind::Number => match digits(&t.norm) {
                Some(v) => (v, false),
                None => {
                    i += 1;
                    continue;
                }
            },
            Kind::Word => match word_number(&t.norm) {
                Some(v) => v,
                None => {
                    if let Some((u, item)) = dual_of(&t.norm) {
                        let days = match u {
                            "week" => 14.0,
                            "month" => 60.0,
                            _ => 2.0,
                        };
                        let unit = if matches!(u, "week" | "month") {
                            "day"
                        } else {
                            u
                        };
                        out.push(QMention {
                            span: t.span.clone(),
                            value: days,
                            unit: Some(unit.to_string()),
                            item: item.or_else(|| context_item(&toks, i)).map(str::to_string),
                            qualifier: None,
                        });
                    }
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let start = t.span.start;
        let mut j = i + 1;
        // "سبعة آلاف", "6 آلاف", "عشرين ألفا"
        while j < toks.len() {
            let w = strip(&toks[j].norm);
            if matches!(w, "الف" | "الفا" | "الاف") {
                value *= 1000.0;
                j += 1;
            } else if w == "مليون" || w == "ملايين" {
                value *= 1_000_000.0;
                j += 1;
            } else {
                break;
            }
        }
        // qualifier before
        let mut qual = if vague {
            Some("vague".to_string())
        } else {
            None
        };
        let mut qstart = start;
        if i >= 2 && matches!(strip(&toks[i - 2].norm), "اكثر" | "ازيد") && toks[i - 1].norm == "من"
        {
            qual = Some("at_least".into());
            qstart = toks[i - 2].span.start;
        } else if i >= 1
            && matches!(
                strip(&toks[i - 1].norm),
                "نحو" | "حوالي" | "قرابه" | "زهاء" | "قرابة"
            )
        {
            qual = Some("about".into());
            qstart = toks[i - 1].span.start;
        }
        // unit after (skipping a tanween-less "من")
        let mut unit = None;
        let mut item = None;
        let mut end = toks[j - 1].span.end;
        if let Some(u) = toks.get(j).filter(|x| x.kind == Kind::Word) {
            if let Some((un, it)) = unit_of(&u.norm) {
                unit = Some(un);
                item = it;
                end = u.span.end;
                j += 1;
            } else if vague {
                // "عشرات الجرحى"
                if let Some((un, it)) = unit_of(&norm_word(&u.norm)) {
                    unit = Some(un);
                    item = it;
                }
            }
        }
        // a year is not a quantity
        if unit.is_none() && (1900.0..2100.0).contains(&value) && t.kind == Kind::Number {
            i = j;
            continue;
        }
        let (unit, value) = match unit {
            Some("week") => (Some("day"), value * 7.0),
            Some("month") => (Some("day"), value * 30.0),
            u => (u, value),
        };
        if unit.is_none() {
            i = j;
            continue;
        }
        if item.is_none() {
            // "40 طناً من مادة الطحين"
            for k in j..(j + 4).min(toks.len()) {
                if toks[k].kind == Kind::End {
                    break;
                }
                if let Some(it) = item_of(&toks[k].norm) {
                    item = Some(it);
                    break;
                }
            }
        }
        if item.is_none() && unit == Some("person") {
            item = context_item(&toks, i);
        }
        out.push(QMention {
            span: qstart..end,
            value,
            unit: unit.map(str::to_string),
            item: item.map(str::to_string),
            qualifier: qual,
        });
        i = j;
    }
    out
}

const MONTHS: [(&str, u8); 24] = [
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("ايلول", 9),
    ("اب", 8),
    ("كانون", 0),
    ("تشرين", 0),
    ("افريل", 4),
    ("اغسطس", 8),
];

fn month_at(toks: &[Tok], i: usize) -> Option<(u8, usize)> {
    let w = strip(&toks.get(i)?.norm);
    let w = if w == "الاب" { "اب" } else { w };
    for (name, m) in MONTHS {
        if w == name {
            if m == 0 {
                let next = toks
                    .get(i + 1)
                    .map(|t| strip(&t.norm).to_string())
                    .unwrap_or_default();
                let second = matches!(next.as_str(), "الثاني" | "ثاني" | "ثان");
                let first = matches!(next.as_str(), "الاول" | "اول");
                let m = match (name, first, second) {
                    ("كانون", _, true) => 1,
                    ("كانون", true, _) => 12,
                    ("تشرين", true, _) => 10,
                    ("تشرين", _, true) => 11,
                    _ => return None,
                };
                return Some((m, i + 1));
            }
            if name == "اب" {
                // "آب" is also "father": only with a number or a paired name around
                let near_num = i > 0 && toks[i - 1].kind == Kind::Number
                    || toks
                        .get(i + 1)
                        .is_some_and(|t| t.kind == Kind::Number || t.norm == "/");
                if !near_num {
                    return None;
                }
            }
            return Some((m, i));
        }
    }
    None
}

const WEEKDAYS: [(&str, u8); 7] = [
    ("الاثنين", 0),
    ("الثلاثاء", 1),
    ("الاربعاء", 2),
    ("الخميس", 3),
    ("الجمعه", 4),
    ("السبت", 5),
    ("الاحد", 6),
];

/// Every time expression in `text` (own finder, kept for comparison).
pub fn find_times_own(text: &str, published: Option<Date>) -> Vec<TMention> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    let rel = |d: Option<Date>, span: Range<usize>, p: Precision| TMention {
        span,
        date: d,
        precision: d.map(|_| p),
        basis: if d.is_some() {
            "relative".into()
        } else {
            "unresolved".into()
        },
    };
    while i < toks.len() {
        let t = &toks[i];
        let w = t.norm.as_str();
        let w1 = w
            .strip_prefix('و')
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(w);
        let stem = strip(w);
        // "أول أمس"
        if stem == "اول" && toks.get(i + 1).is_some_and(|n| strip(&n.norm) == "امس") {
            out.push(rel(
                published.map(|p| p.add_days(-2)),
                t.span.start..toks[i + 1].span.end,
                Precision::Day,
            ));
            i += 2;
            continue;
        }
        if stem == "امس" || stem == "البارحه" {
            out.push(rel(
                published.map(|p| p.add_days(-1)),
                t.span.clone(),
                Precision::Day,
            ));
            i += 1;
            continue;
        }
        if w1 == "اليوم"
            && toks
                .get(i + 1)
                .is_none_or(|n| !matches!(strip(&n.norm), "التالي" | "نفسه"))
        {
            out.push(rel(published, t.span.clone(), Precision::Day));
            i += 1;
            continue;
        }
        if let Some(&(_, wd)) = WEEKDAYS
            .iter()
            .find(|(n, _)| *n == w1 || format!("ال{}", strip(w1)) == *n)
        {
            if w1.starts_with("ال") {
                let d = published.map(|p| {
                    let back = (i64::from(p.weekday()) - i64::from(wd)).rem_euclid(7);
                    p.add_days(-back)
                });
                let mut end = t.span.end;
                if toks
                    .get(i + 1)
                    .is_some_and(|n| strip(&n.norm) == "الماضي" || n.norm == "الماضي")
                {
                    end = toks[i + 1].span.end;
                }
                out.push(rel(d, t.span.start..end, Precision::Day));
                i += 1;
                continue;
            }
        }
        if matches!(stem, "الشهر" | "شهر") && toks.get(i + 1).is_some_and(|n| n.norm == "الماضي")
        {
            let d = published.and_then(|p| {
                let (y, m) = if p.month() == 1 {
                    (p.year() - 1, 12)
                } else {
                    (p.year(), p.month() - 1)
                };
                Date::new(y, m, 1).ok()
            });
            out.push(rel(d, t.span.start..toks[i + 1].span.end, Precision::Month));
            i += 2;
            continue;
        }
        if matches!(stem, "الاسبوع" | "اسبوع") && toks.get(i + 1).is_some_and(|n| n.norm == "الماضي")
        {
            out.push(rel(
                published.map(|p| p.add_days(-7)),
                t.span.start..toks[i + 1].span.end,
                Precision::Week,
            ));
            i += 2;
            continue;
        }
        // [day] month[/month] [year], "منتصف نيسان"
        let mut day: Option<u8> = None;
        let mut k = i;
        let mut start = t.span.start;
        let mut mid = false;
        if matches!(stem, "منتصف" | "اواسط") {
            mid = true;
            k = i + 1;
        } else if matches!(stem, "مطلع" | "اوائل" | "بدايه" | "اواخر" | "نهايه" | "اخر")
        {
            k = i + 1;
        } else if t.kind == Kind::Number {
            if let Some(v) =
                digits(&t.norm).filter(|v| (1.0..=31.0).contains(v) && v.fract() == 0.0)
            {
                day = Some(v as u8);
                k = i + 1;
            }
        }
        if let Some((m, mut last)) = month_at(&toks, k) {
            // paired "نيسان/إبريل", "مارس/آذار"
            if toks.get(last + 1).is_some_and(|x| x.norm == "/") {
                if let Some((_, l2)) = month_at(&toks, last + 2) {
                    last = l2;
                }
            }
            let mut year: Option<i32> = None;
            let mut j = last + 1;
            if toks
                .get(j)
                .is_some_and(|x| matches!(strip(&x.norm), "عام" | "سنه"))
            {
                j += 1;
            }
            if let Some(y) = toks
                .get(j)
                .filter(|x| x.kind == Kind::Number)
                .and_then(|x| digits(&x.norm))
            {
                if (1900.0..2100.0).contains(&y) {
                    year = Some(y as i32);
                    last = j;
                }
            }
            let year = year.or_else(|| {
                published.map(|p| {
                    if m > p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    }
                })
            });
            if k == i && day.is_none() && !mid {
                start = toks[k].span.start;
            }
            let (date, prec) = match (year, day, mid) {
                (Some(y), Some(dd), _) => (Date::new(y, m, dd).ok(), Precision::Day),
                (Some(y), None, true) => (Date::new(y, m, 15).ok(), Precision::Month),
                (Some(y), None, false) => (Date::new(y, m, 1).ok(), Precision::Month),
                _ => (None, Precision::Month),
            };
            out.push(TMention {
                span: start..toks[last].span.end,
                date,
                precision: date.map(|_| prec),
                basis: if date.is_some() {
                    "explicit".into()
                } else {
                    "unresolved".into()
                },
            });
            i = last + 1;
            continue;
        }
        // "عام 2011"
        if matches!(stem, "عام" | "سنه") {
            if let Some(y) = toks
                .get(i + 1)
                .filter(|x| x.kind == Kind::Number)
                .and_then(|x| digits(&x.norm))
            {
                if (1900.0..2100.0).contains(&y) {
                    let d = Date::new(y as i32, 1, 1).ok();
                    out.push(TMention {
                        span: t.span.start..toks[i + 1].span.end,
                        date: d,
                        precision: d.map(|_| Precision::Year),
                        basis: "explicit".into(),
                    });
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tons_of_flour() {
        let q = find("40 طناً من مادة الطحين وصلت");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].value, 40.0);
        assert_eq!(q[0].unit.as_deref(), Some("ton"));
        assert_eq!(q[0].item.as_deref(), Some("flour"));
    }

    #[test]
    fn killed_with_qualifier_and_thousands() {
        let q = find("مقتل أكثر من 1600 شخص وإجلاء سبعة آلاف مقاتل");
        assert_eq!(q[0].value, 1600.0);
        assert_eq!(q[0].item.as_deref(), Some("killed"));
        assert_eq!(q[0].qualifier.as_deref(), Some("at_least"));
        assert_eq!(q[1].value, 7000.0);
        assert_eq!(q[1].item.as_deref(), Some("evacuated"));
    }

    #[test]
    fn days_and_dual_weeks() {
        let q = find("بعد حصار دام 46 يوماً ومنذ أسبوعين");
        assert_eq!(q[0].value, 46.0);
        assert_eq!(q[0].unit.as_deref(), Some("day"));
        assert_eq!(q[1].value, 14.0);
    }

    #[test]
    fn relative_dates() {
        let p = Date::new(2015, 8, 11).ok();
        let t = find_times("قصفت قوات النظام صباح أمس وأول أمس", p);
        assert_eq!(
            t[0].date.map(|d| d.to_string()).as_deref(),
            Some("2015-08-10")
        );
        assert_eq!(
            t[1].date.map(|d| d.to_string()).as_deref(),
            Some("2015-08-09")
        );
        let t = find_times("انسحبت منتصف نيسان", None);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].date, None);
        let t = find_times("في 16 تشرين الثاني/نوفمبر 2017", None);
        assert_eq!(
            t[0].date.map(|d| d.to_string()).as_deref(),
            Some("2017-11-16")
        );
        let t = find_times("أعلنت الجمعة", Date::new(2018, 6, 1).ok());
        assert_eq!(
            t[0].date.map(|d| d.to_string()).as_deref(),
            Some("2018-06-01")
        );
    }
}

/// Every counted quantity in `text`, from the text core, with the item (killed, injured,
/// evacuated, flour, ...) read from the words around it.
pub fn find(text: &str) -> Vec<QMention> {
    if std::env::var_os("MARSAD_OWN_QUANT").is_some() {
        return find_own(text);
    }
    let toks = tokenize(text);
    let mut out = Vec::new();
    for q in marsad_text::find_quantities(text) {
        let qi = toks.partition_point(|t| t.span.end <= q.span.start);
        let after = toks.partition_point(|t| t.span.start < q.span.end);
        let (mut u, it, mut value) = match q.unit {
            Some(unit) => {
                let (u, it) = unit.schema();
                match unit.days() {
                    Some(days) => ("day", it, q.value * days),
                    None => (u, it, q.value),
                }
            }
            // "سبعة آلاف من مقاتليها", "ستة من مقاتلي المعارضة"
            None if toks
                .get(after)
                .is_some_and(|t| unit_of(&t.norm).is_some_and(|u| u.0 == "person")) =>
            {
                // "عشرين شاباً": a person noun the text core does not count as a unit
                (
                    "person",
                    toks.get(after)
                        .and_then(|t| unit_of(&t.norm))
                        .and_then(|u| u.1),
                    q.value,
                )
            }
            None => {
                let of_people = toks.get(after).is_some_and(|t| t.norm == "من")
                    && toks.get(after + 1).is_some_and(|t| {
                        let w = strip(&t.norm);
                        [
                            "مقاتل",
                            "مسلح",
                            "مدني",
                            "عناصر",
                            "عنصر",
                            "اهالي",
                            "سكان",
                            "عائلات",
                            "الاشخاص",
                            "اشخاص",
                            "جنود",
                            "الجنود",
                        ]
                        .iter()
                        .any(|p| w.starts_with(p))
                    });
                if !of_people || q.vague {
                    continue;
                }
                ("person", None, q.value)
            }
        };
        if u == "day" && value == 0.0 {
            u = "day";
            value = 0.0;
        }
        let mut item = it.map(str::to_string);
        if matches!(
            item.as_deref(),
            None | Some(
                "civilian"
                    | "child"
                    | "woman"
                    | "fighter"
                    | "member"
                    | "soldier"
                    | "victim"
                    | "refugee"
            )
        ) && u == "person"
        {
            if let Some(ci) = context_item(&toks, qi) {
                item = Some(ci.to_string());
            }
        }
        if item.as_deref() == Some("victim") {
            item = Some("killed".to_string());
        }
        if item.is_none() {
            for t in toks.iter().skip(after).take(4) {
                if t.kind == Kind::End {
                    break;
                }
                if let Some(it) = item_of(&t.norm) {
                    item = Some(it.to_string());
                    break;
                }
            }
        }
        out.push(QMention {
            span: q.span.clone(),
            value,
            unit: Some(u.to_string()),
            item,
            qualifier: q.qualifier.map(|x| x.as_str().to_string()).or(if q.vague {
                Some("vague".into())
            } else {
                None
            }),
        });
    }
    // dual nouns the text core leaves out ("جنديان" = 2 soldiers)
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Word
            || out
                .iter()
                .any(|q| q.span.start <= t.span.start && t.span.end <= q.span.end)
        {
            continue;
        }
        if let Some(("person", item)) = dual_of(&t.norm) {
            out.push(QMention {
                span: t.span.clone(),
                value: 2.0,
                unit: Some("person".into()),
                item: item.or_else(|| context_item(&toks, i)).map(str::to_string),
                qualifier: None,
            });
        }
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// Every time expression in `text`, from the text core, resolved against `published`.
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TMention> {
    if std::env::var_os("MARSAD_OWN_QUANT").is_some() {
        return find_times_own(text, published);
    }
    marsad_text::find_times(text, published)
        .into_iter()
        .map(|t| TMention {
            span: t.span,
            date: t.date,
            precision: t.precision,
            basis: t.basis.as_str().to_string(),
        })
        .collect()
}
