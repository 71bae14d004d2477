//! Quantities and time expressions: a small private adapter (the text core's richer
//! `numbers`/`dates` modules can replace it behind the same two functions).

use crate::text::{Kind, Tok};
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
    /// منذ + a duration or a date: it measures a lasting state, see [`marsad_text::TimeMention::since`].
    pub since: bool,
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
        "طايره" | "طايرات" | "مقاتله" | "مقاتلات" | "مروحيه" | "مروحيات" | "مسيره" | "مسيرات" => {
            ("aircraft", None)
        }
        "جسر" | "جسرا" | "جسور" => ("bridge", None),
        "مستشفي" | "مستشفيات" | "مشفي" | "مشافي" => ("hospital", None),
        _ => return None,
    })
}

/// Units of things counted by a bare number and the noun after it ("ثلاث طائرات").
const COUNTED_THINGS: [&str; 3] = ["aircraft", "bridge", "hospital"];

fn dual_of(w: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match strip(w) {
        "قتيلين" | "قتيلان" => ("person", Some("killed")),
        "جريحين" | "جريحان" => ("person", Some("injured")),
        "مدنيان" | "شخصين" | "شخصان" | "طفلين" | "طفلان" | "جنديان" | "جنديين" | "عنصران"
        | "عنصرين" | "شابين" | "شابان" | "مقاتلان" | "مقاتلين_" => {
            ("person", None)
        }
        "طايرتين" | "طايرتان" | "مقاتلتين" | "مقاتلتان" | "مروحيتين" | "مروحيتان" | "مسيرتين"
        | "مسيرتان" => ("aircraft", None),
        "مستشفيين" | "مستشفيان" => ("hospital", None),
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

/// "لقي/لقيت/لقوا" (met their death: "لقي 12 شخصا مصرعهم"), matched with its lam, which
/// [`strip`] would take for a preposition.
fn met_death(norm: &str) -> bool {
    matches!(
        norm.strip_prefix('و').unwrap_or(norm),
        "لقي" | "لقيت" | "لقوا"
    )
}

fn context_item(toks: &[Tok], i: usize) -> Option<&'static str> {
    // killed / injured / evacuated from the four words before the number (punctuation
    // skipped: "مقتل 20 مدنياً، بينهم أربعة أطفال")
    let mut words = 0;
    for t in toks[..i].iter().rev() {
        if t.kind == Kind::End || words == 4 {
            break;
        }
        if t.kind != Kind::Word && t.kind != Kind::Number {
            continue;
        }
        words += 1;
        let w = strip(&t.norm);
        if matches!(
            w,
            "مقتل"
                | "قتل"
                | "قتلت"
                | "مصرع"
                | "وفاه"
                | "استشهاد"
                | "يقتل"
                | "تقتل"
                | "اعدم"
                | "اعدمت"
                | "اعدموا"
                | "يعدم"
                | "تعدم"
                | "اعدام"
        ) || met_death(&t.norm)
        {
            return Some("killed");
        }
        if matches!(w, "اصابه" | "اصيب" | "جرح" | "اصابت" | "يصيب" | "تصيب")
        {
            return Some("injured");
        }
        if matches!(w, "اجلاء" | "خروج" | "اخراج") {
            return Some("evacuated");
        }
    }
    // (the verb may follow a short description: "27 شخصاً من بينهم رضيع لقوا حتفهم")
    for t in toks.iter().skip(i + 1).take(6) {
        if t.kind == Kind::End {
            break;
        }
        let w = strip(&t.norm);
        // (also the dual and the feminine: "مدنيين اثنين قتلا في قصف")
        if matches!(
            w,
            "قتلوا"
                | "قضوا"
                | "قتل"
                | "قتلا"
                | "قتلتا"
                | "قتلن"
                | "قتلت"
                | "قضيا"
                | "قضين"
        ) || met_death(&t.norm)
        {
            return Some("killed");
        }
        if matches!(
            w,
            "اصيبوا" | "جرحوا" | "اصيبا" | "اصيبتا" | "اصبن" | "اصيبت" | "جرحا"
        ) {
            return Some("injured");
        }
    }
    None
}

/// Words right before the number a tally reaches ("ارتفعت الحصيلة إلى 31", "بلغ عدد القتلى
/// 40"), as match keys.
pub(crate) const TALLY_REACH: [&str; 8] = [
    "الي",
    "بلغ",
    "بلغت",
    "تجاوز",
    "تجاوزت",
    "يتجاوز",
    "يبلغ",
    "تبلغ",
];

/// The item of a tally ("حصيلة القتلى", "عدد الجرحى") that the bare number at token `i`
/// reaches: right after "إلى" or a reaching verb (بلغ، تجاوز، وصل), the tally's head within
/// the ten words before, in the same sentence.
fn tally_of(toks: &[Tok], i: usize) -> Option<&'static str> {
    let prev: Vec<&Tok> = toks[..i]
        .iter()
        .rev()
        .take_while(|t| t.kind != Kind::End)
        .filter(|t| t.kind == Kind::Word || t.kind == Kind::Number)
        .take(10)
        .collect();
    let reaches = prev
        .first()
        .is_some_and(|t| TALLY_REACH.contains(&t.norm.as_str()));
    if !reaches {
        return None;
    }
    prev.windows(2).find_map(|w| {
        // (the words run backwards: w[1] is the head, w[0] what it counts)
        let head = strip(&w[1].norm);
        if !matches!(head, "حصيله" | "عدد") {
            return None;
        }
        match strip(&w[0].norm) {
            "قتلي" | "ضحايا" => Some("killed"),
            "جرحي" | "مصابين" => Some("injured"),
            _ => None,
        }
    })
}

/// Every counted quantity in `text` (tokenized as `toks`, which must be `tokenize(text)`:
/// the engine's own tokens), from the text core, with the item (killed, injured, evacuated,
/// flour, ...) read from the words around it.
pub fn find_in(text: &str, toks: &[Tok]) -> Vec<QMention> {
    let mut out = Vec::new();
    for q in marsad_text::find_quantities(text) {
        let qi = toks.partition_point(|t| t.span.end <= q.span.start);
        let after = toks.partition_point(|t| t.span.start < q.span.end);
        // the noun after a bare count when it counts things the text core has no unit for
        let tally = if q.unit.is_none() && !q.vague {
            tally_of(toks, qi)
        } else {
            None
        };
        let thing_after = toks
            .get(after)
            .and_then(|t| unit_of(&t.norm))
            .map(|u| u.0)
            .filter(|u| COUNTED_THINGS.contains(u));
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
            // "يقتل 18 ويصيب العشرات": a bare number right after a killing verb
            None if !q.vague
                && qi > 0
                && toks.get(qi - 1).is_some_and(|t| {
                    matches!(
                        strip(&t.norm),
                        "يقتل"
                            | "تقتل"
                            | "قتل"
                            | "مقتل"
                            | "يصيب"
                            | "تصيب"
                            | "اصابه"
                            | "اصيب"
                    )
                }) =>
            {
                ("person", None, q.value)
            }
            // "لترتفع حصيلة القتلى المدنيين منذ 18 شباط إلى 1031": a bare number a tally of
            // the dead or the wounded reaches
            None if tally.is_some() => ("person", tally, q.value),
            // "ثلاث طائرات حربية", "3 مستشفيات": aircraft, bridges and hospitals counted
            None if !q.vague && thing_after.is_some() => {
                (thing_after.unwrap_or_default(), None, q.value)
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
        // (a count of aircraft, bridges or hospitals spans its noun: "ثلاث طائرات")
        let mut span = q.span.clone();
        if q.unit.is_none() && COUNTED_THINGS.contains(&u) {
            if let Some(t) = toks.get(after) {
                span.end = t.span.end;
            }
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
            if let Some(ci) = context_item(toks, qi) {
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
            span,
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
        match dual_of(&t.norm) {
            Some(("person", item)) => out.push(QMention {
                span: t.span.clone(),
                value: 2.0,
                unit: Some("person".into()),
                item: item.or_else(|| context_item(toks, i)).map(str::to_string),
                qualifier: None,
            }),
            // "إسقاط طائرتين" ("جسرين" is also a town of the Ghouta: no dual bridges)
            Some((u @ ("aircraft" | "hospital"), _)) => out.push(QMention {
                span: t.span.clone(),
                value: 2.0,
                unit: Some(u.into()),
                item: None,
                qualifier: None,
            }),
            _ => {}
        }
    }
    // one person named right after a killing or an injury ("مقتل طفل رضيع", "إصابة مدني"):
    // the singular is the number
    for (i, t) in toks.iter().enumerate().skip(1) {
        let prev = &toks[i - 1];
        if t.kind != Kind::Word
            || prev.kind != Kind::Word
            || out
                .iter()
                .any(|q| q.span.start <= t.span.end && t.span.start <= q.span.end)
        {
            continue;
        }
        // (past a resumptive "فيه": "هجوم ... قتل فيه ضابط")
        let verb = if matches!(prev.norm.as_str(), "فيه" | "فيها" | "خلاله" | "خلالها") && i >= 2
        {
            &toks[i - 2]
        } else {
            prev
        };
        // ("بينهم" is read whole: its ب is no preposition)
        let among = matches!(
            verb.norm.strip_prefix('و').unwrap_or(&verb.norm),
            "بينهم" | "منهم" | "بينهن" | "منهن"
        );
        let item = match if among {
            "بينهم"
        } else {
            strip(&verb.norm)
        } {
            "مقتل" | "قتل" | "وفاه" | "استشهاد" => "killed",
            "اصابه" | "اصيب" | "جرح" => "injured",
            // "بمقتل 18 شخصا بينهم طفل": one among the counted, of their kind
            "بينهم" => match out
                .iter()
                .rev()
                .find(|q| q.span.end <= prev.span.start && q.unit.as_deref() == Some("person"))
                .and_then(|q| q.item.as_deref())
            {
                Some("killed") => "killed",
                Some("injured") => "injured",
                _ => continue,
            },
            _ => continue,
        };
        if matches!(
            strip(&t.norm),
            "طفل"
                | "طفله"
                | "طفلا"
                | "شخص"
                | "شخصا"
                | "مدني"
                | "مدنيا"
                | "جندي"
                | "جنديا"
                | "عنصر"
                | "عنصرا"
                | "امراه"
                | "رجل"
                | "شاب"
                | "شابا"
                | "مسعف"
                | "مسعفه"
                | "ضابط"
                | "مقاتل"
                | "مقاتلا"
        ) {
            out.push(QMention {
                span: t.span.clone(),
                value: 1.0,
                unit: Some("person".into()),
                item: Some(item.into()),
                qualifier: None,
            });
        }
    }
    out.sort_by_key(|q| q.span.start);
    // "يقتل عنصرين من حزب الله وثلاثة مقاتلين موالين": a count coordinated with a count of
    // the dead or wounded (no sentence end between, at most eight tokens apart) shares its item
    for k in 1..out.len() {
        let (before, rest) = out.split_at_mut(k);
        let q = &mut rest[0];
        if q.unit.as_deref() != Some("person")
            || !matches!(
                q.item.as_deref(),
                None | Some("civilian" | "fighter" | "member" | "soldier")
            )
        {
            continue;
        }
        let qi = toks.partition_point(|t| t.span.end <= q.span.start);
        let coordinated = toks.get(qi).is_some_and(|t| t.norm.starts_with('و'))
            || qi > 0 && toks[qi - 1].norm == "و";
        let p = &before[k - 1];
        let pi = toks.partition_point(|t| t.span.end <= p.span.start);
        if coordinated
            && p.unit.as_deref() == Some("person")
            && matches!(p.item.as_deref(), Some("killed" | "injured"))
            && qi > pi
            && qi - pi <= 8
            && !toks[pi..qi].iter().any(|t| t.kind == Kind::End)
        {
            q.item = p.item.clone();
        }
    }
    out
}

/// Every time expression in `text`, from the text core, resolved against `published`.
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TMention> {
    marsad_text::find_times(text, published)
        .into_iter()
        .map(|t| TMention {
            span: t.span,
            date: t.date,
            precision: t.precision,
            basis: t.basis.as_str().to_string(),
            since: t.since,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<QMention> {
        find_in(text, &crate::text::tokenize(text))
    }

    #[test]
    fn tons_of_flour() {
        let q = find("40 طناً من مادة الطحين وصلت");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].value, 40.0);
        assert_eq!(q[0].unit.as_deref(), Some("ton"));
        assert_eq!(q[0].item.as_deref(), Some("flour"));
    }

    #[test]
    fn aircraft_and_hospitals_were_not_counted() {
        let q = find("قصفت ثلاث طائرات حربية تركية مواقع التنظيم");
        assert_eq!(q.len(), 1);
        assert_eq!((q[0].value, q[0].unit.as_deref()), (3.0, Some("aircraft")));
        let q = find("تسبب القصف في خروج 3 مستشفيات عن الخدمة");
        assert_eq!((q[0].value, q[0].unit.as_deref()), (3.0, Some("hospital")));
        let q = find("أعلن الجيش إسقاط طائرتين مسيرتين");
        assert_eq!((q[0].value, q[0].unit.as_deref()), (2.0, Some("aircraft")));
        // (جسرين is a town of the Ghouta as well as "two bridges")
        assert!(find("قتل ثلاثة مدنيين في جسرين")
            .iter()
            .all(|q| q.unit.as_deref() == Some("person")));
    }

    #[test]
    fn one_child_among_the_dead_was_not_counted() {
        let q = find("ما تسبب بمقتل 18 شخصا بينهم طفل");
        assert_eq!(q.len(), 2);
        assert_eq!((q[1].value, q[1].item.as_deref()), (1.0, Some("killed")));
    }

    #[test]
    fn killed_and_evacuated_from_context() {
        let q = find("مقتل أكثر من 1600 مدني وإجلاء سبعة آلاف من مقاتليها");
        assert_eq!(q[0].value, 1600.0);
        assert_eq!(q[0].item.as_deref(), Some("killed"));
        assert_eq!(q[1].value, 7000.0);
        assert_eq!(q[1].item.as_deref(), Some("evacuated"));
    }

    #[test]
    fn met_their_death_was_not_counted_as_killed() {
        // "لقي X مصرعهم/حتفهم", with the verb first or after a short description
        for text in [
            "لقي 26 مدنيا على الأقل، بينهم 11 طفلا مصرعهم في قصف جوي",
            "إن 27 شخصاً من بينهم رضيع لقوا حتفهم جراء الضربات",
        ] {
            let q = find(text);
            assert_eq!(q[0].item.as_deref(), Some("killed"), "{text}");
        }
    }

    #[test]
    fn one_person_killed_was_no_quantity() {
        let q = find("تسببت الهجمات في مقتل طفل رضيع على الأقل وإصابة مدني");
        let got: Vec<_> = q.iter().map(|x| (x.value, x.item.as_deref())).collect();
        assert_eq!(got, [(1.0, Some("killed")), (1.0, Some("injured"))]);
        // a plural is not one
        assert!(find("مقتل أطفال").is_empty());
    }

    #[test]
    fn bare_number_after_killing_verb() {
        let q = find("نظام الأسد يقتل 18 ويصيب العشرات بصاروخ");
        assert_eq!(q.iter().map(|x| x.value).collect::<Vec<_>>(), [18.0]);
        assert_eq!(q[0].item.as_deref(), Some("killed"));
    }

    #[test]
    fn durations_in_days() {
        let q = find("بعد حصار دام 46 يوماً");
        assert_eq!(q[0].value, 46.0);
        assert_eq!(q[0].unit.as_deref(), Some("day"));
    }

    #[test]
    fn dual_soldiers_and_young_men() {
        let q = find("قتل جنديان تركيان واعتقلت الأسايش عشرين شاباً");
        let v: Vec<f64> = q.iter().map(|x| x.value).collect();
        assert_eq!(v, [2.0, 20.0]);
        assert_eq!(q[0].item.as_deref(), Some("killed"));
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let p = Date::new(2015, 8, 11).ok();
        let t = find_times("قصفت قوات النظام صباح أمس", p);
        assert_eq!(
            t[0].date.map(|d| d.to_string()).as_deref(),
            Some("2015-08-10")
        );
        let t = find_times("انسحبت منتصف نيسان", None);
        assert_eq!(t[0].date, None);
    }
}
