//! Time expressions, resolved against the publication date.
//!
//! [`find_times`] recognises, on whole tokens (so "أول أمسية" is not "أول أمس" and
//! "اليومية" is not "اليوم"), with a one-letter clitic allowed on the first word (وأمس،
//! بالأمس، والخميس):
//! - **month names**: Levantine (كانون الثاني، شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول،
//!   تشرين الأول، تشرين الثاني، كانون الأول), Egyptian (يناير … ديسمبر, أبريل/إبريل,
//!   يونيو/يونيه, يوليو/يوليه) and the paired forms "يناير/ كانون الثاني", "كانون الثاني (يناير)";
//!   with an optional day before ("15 نيسان", "15 من نيسان", "الخميس 15 نيسان") and year after
//!   ("نيسان 2018", "نيسان عام 2018", "2018م"). Ambiguous names (آب written without madda,
//!   مارس, and the Hijri محرم، صفر، رجب، شعبان، شوال) need a day, a year, "شهر", a month-part
//!   word or a paired name next to them (مارس also after في);
//! - **Hijri months** (محرم، صفر، ربيع الأول، ربيع الآخر/الثاني، جمادى الأولى، جمادى الآخرة/
//!   الثانية، رجب، شعبان، رمضان، شوال، ذو القعدة، ذو الحجة), optionally with a year and the هـ
//!   suffix, converted to Gregorian with the **tabular (arithmetical) Islamic calendar**
//!   (civil epoch, 11 leap years in 30). Real months follow the moon sighting and can differ
//!   by one or two days;
//! - **month parts**: منتصف/أواسط → the 15th, مطلع/أوائل/بداية → the 1st, أواخر → the 25th,
//!   نهاية → the last day, each with precision month (the guideline: "منتصف نيسان" is the 15th
//!   of April with precision `month`); also before الشهر الماضي/الجاري; before a year
//!   (مطلع العام الجاري، منتصف عام 2016، نهاية 2017) → January, July or December, precision month;
//! - **weekdays** (الخميس، يوم الجمعة، الخميس الماضي، السبت المقبل) → the most recent such day
//!   at or before publication (strictly before with الماضي, strictly after with المقبل/القادم),
//!   precision day;
//! - **relative days**: اليوم، أمس/الأمس/البارحة، أول أمس/أول من أمس/أمس الأول، غداً, with an
//!   optional time of day or يوم before (مساء أمس، صباح اليوم، يوم أمس);
//! - **relative periods**: الأسبوع الماضي/الجاري/المقبل (week), الشهر الماضي/الجاري/المقبل
//!   (month), العام/السنة الماضية/الجارية/المقبلة and هذا العام (year); الليلة (الماضية);
//!   "قبل ١٠ أيام"، "قبل يومين"، "قبل نحو أسبوع"، "قبل شهر" (day, week, month or year
//!   precision); "منذ يومين" likewise, flagged [`TimeMention::since`] because it also
//!   measures a duration;
//! - **digit dates**: 12/3/2018, 12-3-2018, 12.3.2018 (day first, as in Arabic news; month
//!   first only when the day-first reading is impossible), 2018-03-12, 2018/3/12;
//! - **years**: عام 2011، العام 2011، سنة ٢٠١١، 2011م، في/منذ/حتى/خلال 2011, a timeline heading
//!   "2011: …", صيف 2012 → precision year.
//!
//! A day or month without a year takes the year of an explicit date earlier **in the same
//! paragraph** ("في 31 أغسطس 2014 … وفي 23 سبتمبر"), or of the previous entry of a
//! **timeline** (lines that open with a date: "30 يناير 2013: …" then "5 مايو: …"); such
//! dates count as explicit.
//!
//! A month or day-and-month without a year takes its year from the publication date: the most
//! recent such date not after publication (strictly before it with الماضي, the next one with
//! المقبل/القادم). Without a
//! publication date every relative expression is kept with `date: None`, `precision: None` and
//! [`Basis::Unresolved`]. Weekdays and year-less months also carry [`TimeMention::future`],
//! the next occurrence, for events the extractor knows to be planned. Not handled: clock
//! times, date ranges as ranges (each end is its own mention), dates relative to another
//! event ("بعد أربعة أيام على التفجير").

use crate::fastmap::HashMap;
use crate::normalize::normalize_word;
use crate::numbers::parse_number_at;
use crate::tokens::{tokenize, Token, TokenKind};
use marsad_types::{Date, Precision};
use std::ops::Range;
use std::sync::OnceLock;

/// How a time expression was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The text gives the date itself (15 نيسان 2018, عام 2011, 2018-03-12).
    Explicit,
    /// Resolved relative to the publication date (أمس, الخميس الماضي, في تموز).
    Relative,
    /// Relative, but there is no publication date to resolve it against.
    Unresolved,
}

impl Basis {
    /// The output schema's spelling: `explicit`, `relative`, `unresolved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::Relative => "relative",
            Basis::Unresolved => "unresolved",
        }
    }
}

/// A time expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte range of the expression in the text.
    pub span: Range<usize>,
    /// The resolved date (the first day for month and year precision, the 15th for
    /// "منتصف"), or `None` when unresolved.
    pub date: Option<Date>,
    /// How precise `date` is (`None` when unresolved).
    pub precision: Option<Precision>,
    /// How it was resolved.
    pub basis: Basis,
    /// For expressions that name a recurring day or month without saying which one
    /// (الخميس، يوم السبت، في تموز، 15 نيسان): the next such date at or after publication.
    /// `date` holds the most recent one, right for reported events; an extractor that knows
    /// the event is planned or future ("على أن يبدأ تنفيذه الإثنين") should prefer this.
    pub future: Option<Date>,
    /// The expression is منذ + a duration ("منذ يومين"): it dates the start N units before
    /// publication *and* measures a duration, so [`crate::find_quantities`] also reports its
    /// amount.
    pub since: bool,
}

// ---------------------------------------------------------------------------------------
// Calendars.

/// Julian day number of 1970-01-01.
const JDN_UNIX: i64 = 2_440_588;
/// Julian day number of 1 Muharram 1 AH minus one (civil epoch, 16 July 622 Julian).
const HIJRI_EPOCH: i64 = 1_948_439;

fn hijri_jdn(y: i64, m: i64, d: i64) -> i64 {
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH
}

/// Converts a Hijri date to Gregorian with the tabular (arithmetical) Islamic calendar.
/// Returns `None` for an impossible date (month outside 1-12, day outside 1-30, year outside
/// 1-3000). The result may differ from the sighted calendar by one or two days.
///
/// ```
/// // 1 Ramadan 1439 AH
/// assert_eq!(marsad_text::hijri_to_gregorian(1439, 9, 1).unwrap().to_string(), "2018-05-16");
/// ```
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=3000).contains(&year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let jdn = hijri_jdn(i64::from(year), i64::from(month), i64::from(day));
    Some(Date::from_days(jdn - JDN_UNIX))
}

/// Converts a Gregorian date to the tabular Islamic calendar: `(year, month, day)`.
pub fn gregorian_to_hijri(date: Date) -> (i32, u8, u8) {
    let jdn = date.to_days() + JDN_UNIX;
    let mut y = ((jdn - HIJRI_EPOCH) * 30 + 10_646).div_euclid(10_631);
    while hijri_jdn(y + 1, 1, 1) <= jdn {
        y += 1;
    }
    while hijri_jdn(y, 1, 1) > jdn {
        y -= 1;
    }
    let mut m = 12;
    while m > 1 && hijri_jdn(y, m, 1) > jdn {
        m -= 1;
    }
    let d = jdn - hijri_jdn(y, m, 1) + 1;
    (y as i32, m as u8, d as u8)
}

// ---------------------------------------------------------------------------------------
// Lexicon.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// A one-word month: calendar, month, ambiguous.
    Month(Cal, u8, bool),
    /// The first word of a two-word month (كانون, تشرين, ربيع, جمادى, ذو/ذي).
    MonthHead(u8),
    Weekday(u8),
    Today,
    Yesterday,
    Tomorrow,
    /// أول (أول أمس).
    First,
    Week,
    MonthWord,
    Year,
    /// "شهر" before a month name.
    MonthTitle,
    /// The day of a month part: منتصف → 15 (0 = last day).
    Part(u8),
    /// Past (الماضي), current (الجاري) or next (المقبل).
    Rel(i8),
    Before,
    /// Time of day (مساء, صباح) or يوم/ليلة before a day expression.
    DayPrefix,
    /// في/منذ/حتى/خلال before a bare year.
    YearPrep,
    /// هذا / هذه.
    This,
    /// صيف / شتاء / خريف (ربيع is a month head): with a year, year precision.
    Season,
    /// منذ: "since" before a duration (منذ يومين) or a date (منذ 18 شباط) or a year.
    Since,
    /// الليلة: tonight, or last night with الماضية.
    Tonight,
    /// An ordinal day (التاسع من نيسان); its value is in [`Lexicon::ordinals`].
    Ordinal,
}

struct Lexicon {
    words: HashMap<String, Lex>,
    /// Second words of two-word months: (head id, second word) → (calendar, month).
    seconds: HashMap<(u8, String), (Cal, u8)>,
    /// Ordinal day words: الأول … العاشر, الحادي, العشرين, الثلاثين.
    ordinals: HashMap<String, u8>,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(build_lexicon)
}

fn build_lexicon() -> Lexicon {
    let mut words = HashMap::default();
    let mut add = |forms: &[&str], l: Lex| {
        for f in forms {
            words.insert(normalize_word(f), l);
        }
    };
    use Cal::*;
    let greg: &[(&[&str], u8, bool)] = &[
        (&["شباط"], 2, false),
        (&["آذار"], 3, false),
        (&["نيسان"], 4, false),
        (&["أيار"], 5, false),
        (&["حزيران"], 6, false),
        (&["تموز"], 7, false),
        (&["آب"], 8, true),
        (&["أيلول"], 9, false),
        (&["يناير"], 1, false),
        (&["فبراير"], 2, false),
        (&["مارس"], 3, true),
        (&["أبريل", "إبريل", "ابريل"], 4, false),
        (&["مايو"], 5, false),
        (&["يونيو", "يونيه"], 6, false),
        (&["يوليو", "يوليه"], 7, false),
        (&["أغسطس", "اغسطس"], 8, false),
        (&["سبتمبر"], 9, false),
        (&["أكتوبر"], 10, false),
        (&["نوفمبر"], 11, false),
        (&["ديسمبر"], 12, false),
    ];
    for (forms, m, weak) in greg {
        add(forms, Lex::Month(Gregorian, *m, *weak));
    }
    let hijri: &[(&[&str], u8, bool)] = &[
        (&["محرم", "المحرم"], 1, true),
        (&["صفر"], 2, true),
        (&["رجب"], 7, true),
        (&["شعبان"], 8, true),
        (&["رمضان"], 9, false),
        (&["شوال"], 10, true),
    ];
    for (forms, m, weak) in hijri {
        add(forms, Lex::Month(Hijri, *m, *weak));
    }
    add(&["كانون"], Lex::MonthHead(0));
    add(&["تشرين"], Lex::MonthHead(1));
    add(&["ربيع"], Lex::MonthHead(2));
    add(&["جمادى", "جمادي"], Lex::MonthHead(3));
    add(&["ذو", "ذي", "ذا"], Lex::MonthHead(4));
    for (i, forms) in [
        &["الاثنين", "الإثنين"][..],
        &["الثلاثاء"],
        &["الأربعاء", "الاربعاء"],
        &["الخميس"],
        &["الجمعة"],
        &["السبت"],
        &["الأحد"],
    ]
    .iter()
    .enumerate()
    {
        add(forms, Lex::Weekday(i as u8));
    }
    add(&["اليوم"], Lex::Today);
    add(&["أمس", "الأمس", "البارحة"], Lex::Yesterday);
    add(&["غداً", "غدا"], Lex::Tomorrow);
    add(&["أول"], Lex::First);
    add(&["الأسبوع"], Lex::Week);
    add(&["الشهر"], Lex::MonthWord);
    add(&["العام", "السنة", "عام", "سنة"], Lex::Year);
    add(&["شهر"], Lex::MonthTitle);
    add(&["منتصف", "أواسط", "وسط"], Lex::Part(15));
    add(
        &["مطلع", "أوائل", "بداية", "بدايات", "مستهل", "أول"],
        Lex::Part(1),
    );
    add(&["أواخر", "أخر"], Lex::Part(25));
    add(&["نهاية", "آخر", "ختام"], Lex::Part(0));
    add(
        &[
            "الماضي",
            "الماضية",
            "المنصرم",
            "المنصرمة",
            "الفائت",
            "الفائتة",
            "السابق",
        ],
        Lex::Rel(-1),
    );
    add(&["الجاري", "الجارية", "الحالي", "الحالية"], Lex::Rel(0));
    add(&["المقبل", "المقبلة", "القادم", "القادمة"], Lex::Rel(1));
    add(&["قبل"], Lex::Before);
    add(
        &[
            "مساء",
            "صباح",
            "ظهر",
            "ليل",
            "ليلة",
            "فجر",
            "عصر",
            "ظهيرة",
            "صبيحة",
            "يوم",
            "نهار",
        ],
        Lex::DayPrefix,
    );
    add(&["في", "حتى", "خلال", "لعام"], Lex::YearPrep);
    add(&["منذ"], Lex::Since);
    add(&["الليلة"], Lex::Tonight);
    add(&["هذا", "هذه"], Lex::This);
    add(&["صيف", "شتاء", "خريف"], Lex::Season);

    let mut seconds = HashMap::default();
    let mut sec = |head: u8, forms: &[&str], cal: Cal, m: u8| {
        for f in forms {
            seconds.insert((head, normalize_word(f)), (cal, m));
        }
    };
    sec(0, &["الثاني", "ثاني"], Gregorian, 1);
    sec(0, &["الأول", "أول"], Gregorian, 12);
    sec(1, &["الأول", "أول"], Gregorian, 10);
    sec(1, &["الثاني", "ثاني"], Gregorian, 11);
    sec(2, &["الأول"], Hijri, 3);
    sec(2, &["الآخر", "الثاني"], Hijri, 4);
    sec(3, &["الأولى", "الأول"], Hijri, 5);
    sec(3, &["الآخرة", "الآخر", "الثانية", "الثاني"], Hijri, 6);
    sec(4, &["القعدة"], Hijri, 11);
    sec(4, &["الحجة"], Hijri, 12);
    let mut ordinals = HashMap::default();
    for (i, w) in [
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
    ]
    .iter()
    .enumerate()
    {
        ordinals.insert(normalize_word(w), i as u8 + 1);
    }
    ordinals.insert(normalize_word("الحادي"), 1);
    ordinals.insert(normalize_word("العشرين"), 20);
    ordinals.insert(normalize_word("الثلاثين"), 30);
    for k in ordinals.keys() {
        words.entry(k.clone()).or_insert(Lex::Ordinal);
    }
    Lexicon {
        words,
        seconds,
        ordinals,
    }
}

// ---------------------------------------------------------------------------------------
// Matching helpers.

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    published: Option<Date>,
    /// The year of the last explicit date, for dates that leave it out in the same
    /// paragraph or in the next lines of a timeline.
    year_ctx: std::cell::Cell<Option<YearCtx>>,
    /// Byte offsets of the text's line breaks, computed on first use.
    newlines: std::cell::OnceCell<Vec<usize>>,
}

#[derive(Clone, Copy)]
struct YearCtx {
    cal: Cal,
    year: i32,
    /// Byte offset where its paragraph (line) starts.
    para: usize,
    /// It opens its line, like a timeline entry ("30 يناير 2013: ...").
    line_initial: bool,
}

impl<'a> Ctx<'a> {
    /// Start of the line holding byte `pos`.
    fn para_start(&self, pos: usize) -> usize {
        let nl = self.newlines.get_or_init(|| {
            self.text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect()
        });
        let k = nl.partition_point(|&i| i < pos);
        if k == 0 {
            0
        } else {
            nl[k - 1] + 1
        }
    }

    /// Whether only a day list (digits, و, spaces, punctuation) precedes `pos` on its line:
    /// the shape of a timeline entry ("3 و5 مايو: ...").
    fn line_initial(&self, pos: usize) -> bool {
        let start = self.para_start(pos);
        if pos.saturating_sub(start) > 64 {
            return false;
        }
        let head = self.text.get(start..pos).unwrap_or("");
        head.chars().all(|c| {
            c.is_whitespace()
                || crate::tokens::is_digit(c)
                || c == '\u{0648}'
                || c.is_ascii_punctuation()
        })
    }

    /// Records an explicit year seen at byte `pos`.
    fn set_year(&self, cal: Cal, year: i32, pos: usize) {
        self.year_ctx.set(Some(YearCtx {
            cal,
            year,
            para: self.para_start(pos),
            line_initial: self.line_initial(pos),
        }));
    }

    /// The year a date at byte `pos` without one inherits, if any.
    fn inherited_year(&self, cal: Cal, pos: usize) -> Option<i32> {
        let c = self.year_ctx.get()?;
        (c.cal == cal
            && (c.para == self.para_start(pos) || (c.line_initial && self.line_initial(pos))))
        .then_some(c.year)
    }
    fn word(&self, j: usize) -> Option<&'a str> {
        self.toks
            .get(j)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.norm.as_str())
    }

    /// Lexicon entry of word `j`, exactly.
    fn lex(&self, j: usize) -> Option<Lex> {
        lexicon().words.get(self.word(j)?).copied()
    }

    /// Lexicon entry of word `j`, allowing one clitic: و or ف always, ب or ل only before
    /// the article (بالأمس، للشهر). Returns the entry and whether a clitic was stripped.
    fn lex_clitic(&self, j: usize) -> Option<Lex> {
        self.lex_clitic_n(j).map(|(l, _)| l)
    }

    /// [`Ctx::lex_clitic`] with the number of clitic letters stripped (0, 1 or 2: وبالأمس).
    fn lex_clitic_n(&self, j: usize) -> Option<(Lex, usize)> {
        let w = self.word(j)?;
        let lx = lexicon();
        if let Some(l) = lx.words.get(w) {
            return Some((*l, 0));
        }
        let (w, n) = match w.strip_prefix(['\u{0648}', '\u{0641}']) {
            Some(rest) => {
                if let Some(l) = lx.words.get(rest).filter(|_| rest.chars().count() >= 2) {
                    return Some((*l, 1));
                }
                (rest, 1)
            }
            None => (w, 0),
        };
        let rest = w
            .strip_prefix(['\u{0628}', '\u{0644}'])
            .filter(|r| r.starts_with("\u{0627}\u{0644}"))?;
        if rest.chars().count() < 3 {
            return None;
        }
        lx.words.get(rest).map(|l| (*l, n + 1))
    }

    fn number(&self, j: usize) -> Option<(f64, &'a str)> {
        let t = self.toks.get(j).filter(|t| t.kind == TokenKind::Number)?;
        let v = crate::numbers::parse_number(&t.norm)?;
        Some((v, t.norm.as_str()))
    }

    fn is_punct(&self, j: usize, p: &[&str]) -> bool {
        self.toks
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Punct && p.contains(&&self.text[t.span.clone()]))
    }

    /// Tokens `j` and `j + 1` touch (no space between).
    fn touch(&self, j: usize) -> bool {
        match (self.toks.get(j), self.toks.get(j + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn span(&self, a: usize, b_incl: usize) -> Range<usize> {
        self.toks[a].span.start..self.toks[b_incl].span.end
    }

    /// A month name at token `j`: (calendar, month, tokens used, ambiguous).
    fn month_at(&self, j: usize, clitic: bool) -> Option<(Cal, u8, usize, bool)> {
        let l = if clitic {
            self.lex_clitic(j)
        } else {
            self.lex(j)
        }?;
        match l {
            Lex::Month(cal, m, weak) => {
                // آب with madda is unambiguous (أب "father" has a hamza).
                let weak =
                    weak && !(m == 8 && cal == Cal::Gregorian && self.orig(j).contains('\u{0622}'));
                Some((cal, m, 1, weak))
            }
            Lex::MonthHead(h) => {
                let second = self.word(j + 1)?;
                let (cal, m) = *lexicon().seconds.get(&(h, second.to_string()))?;
                Some((cal, m, 2, false))
            }
            _ => None,
        }
    }

    fn orig(&self, j: usize) -> &'a str {
        self.toks.get(j).map_or("", |t| &self.text[t.span.clone()])
    }

    /// A four-digit year (1800-2100 Gregorian, 1300-1600 Hijri) at token `j`.
    fn year_at(&self, j: usize) -> Option<i32> {
        let (v, s) = self.number(j)?;
        (s.len() == 4 && v.fract() == 0.0 && (1300.0..=2100.0).contains(&v)).then_some(v as i32)
    }
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn add_months(y: i32, m: u8, delta: i32) -> (i32, u8) {
    let idx = y * 12 + i32::from(m) - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
}

fn month_date(y: i32, m: u8, part: Option<u8>) -> Option<Date> {
    let d = match part {
        None => 1,
        Some(0) => days_in_month(y, m),
        Some(d) => d,
    };
    Date::new(y, m, d).ok()
}

fn mention(
    span: Range<usize>,
    date: Option<Date>,
    precision: Precision,
    basis: Basis,
) -> TimeMention {
    match date {
        Some(d) => TimeMention {
            span,
            date: Some(d),
            precision: Some(precision),
            basis,
            future: None,
            since: false,
        },
        None => TimeMention {
            span,
            date: None,
            precision: None,
            basis: Basis::Unresolved,
            future: None,
            since: false,
        },
    }
}

/// Finds the time expressions of `text`, resolved against `published` (see the module
/// docs). Spans are byte ranges into `text`, in order and non-overlapping.
///
/// ```
/// use marsad_text::{find_times, Basis};
/// use marsad_types::{Date, Precision};
/// let pub_date = Date::new(2018, 4, 20).unwrap();
/// let t = find_times("قُتل ثلاثة أمس، وفي منتصف نيسان انسحبت القوات", Some(pub_date));
/// assert_eq!(t[0].date.unwrap().to_string(), "2018-04-19");
/// assert_eq!(t[1].date.unwrap().to_string(), "2018-04-15");
/// assert_eq!(t[1].precision, Some(Precision::Month));
/// assert_eq!(find_times("أمس", None)[0].basis, Basis::Unresolved);
/// ```
pub fn find_times(text: &str, published: Option<Date>) -> Vec<TimeMention> {
    let toks = tokenize(text);
    find_times_in(text, &toks, published)
}

/// [`find_times`] on tokens already computed with [`tokenize`] for `text`.
pub fn find_times_in(text: &str, toks: &[Token], published: Option<Date>) -> Vec<TimeMention> {
    let cx = Ctx {
        text,
        toks,
        published,
        year_ctx: std::cell::Cell::new(None),
        newlines: std::cell::OnceCell::new(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(&cx, i) {
            Some((mut m, next)) => {
                // A clitic on the first word (وأمس، بالأمس، وبالأمس) is not part of the
                // expression.
                if m.span.start == toks[i].span.start {
                    if let Some((_, n)) = cx.lex_clitic_n(i) {
                        for _ in 0..n {
                            m.span.start = crate::tokens::after_first_letter(text, m.span.start);
                        }
                    }
                }
                out.push(m);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Tries every pattern starting at token `i`; returns the mention and the next token.
fn match_at(cx: &Ctx<'_>, i: usize) -> Option<(TimeMention, usize)> {
    let t = &cx.toks[i];
    match t.kind {
        TokenKind::Number => digit_date(cx, i)
            .or_else(|| day_month(cx, i, i))
            .or_else(|| bare_year(cx, i)),
        TokenKind::Word => word_pattern(cx, i),
        _ => None,
    }
}

/// 12/3/2018, 2018-03-12, 12.3.2018 (one token).
fn digit_date(cx: &Ctx<'_>, i: usize) -> Option<(TimeMention, usize)> {
    let t = &cx.toks[i];
    let (a, b, c, end) = if t.norm.split('.').count() == 3 && !t.norm.contains(',') {
        let mut p = t.norm.split('.');
        let (a, b, c) = (p.next()?, p.next()?, p.next()?);
        (a.to_string(), b.to_string(), c.to_string(), i)
    } else {
        let sep = cx.toks.get(i + 1)?;
        let s = &cx.text[sep.span.clone()];
        if !matches!(s, "/" | "-")
            || !cx.touch(i)
            || !cx.touch(i + 1)
            || !cx.touch(i + 2)
            || !cx.touch(i + 3)
        {
            return None;
        }
        if !cx.is_punct(i + 3, &[s]) {
            return None;
        }
        let b = cx.toks.get(i + 2).filter(|t| t.kind == TokenKind::Number)?;
        let c = cx.toks.get(i + 4).filter(|t| t.kind == TokenKind::Number)?;
        (t.norm.clone(), b.norm.clone(), c.norm.clone(), i + 4)
    };
    if ![&a, &b, &c]
        .iter()
        .all(|s| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<i32>().ok();
    let (a4, c4) = (a.len() == 4, c.len() == 4);
    let date = if a4 && !c4 {
        Date::new(
            n(&a)?,
            u8::try_from(n(&b)?).ok()?,
            u8::try_from(n(&c)?).ok()?,
        )
        .ok()
    } else if c4 && !a4 {
        let (x, y, z) = (n(&a)?, n(&b)?, n(&c)?);
        let (xd, yd) = (u8::try_from(x).ok()?, u8::try_from(y).ok()?);
        Date::new(z, yd, xd)
            .ok()
            .or_else(|| Date::new(z, xd, yd).ok())
    } else {
        None
    }?;
    if !(1800..=2100).contains(&date.year()) {
        return None;
    }
    Some((
        mention(cx.span(i, end), Some(date), Precision::Day, Basis::Explicit),
        end + 1,
    ))
}

/// A day of the month at token `j`, in digits (1-31) or as an ordinal (التاسع، الحادي عشر،
/// الخامس والعشرين): (day, last token used).
fn day_number_at(cx: &Ctx<'_>, j: usize) -> Option<(u8, usize)> {
    if let Some((v, s)) = cx.number(j) {
        if s.len() > 2 || v.fract() != 0.0 || !(1.0..=31.0).contains(&v) {
            return None;
        }
        return Some((v as u8, j));
    }
    let ords = &lexicon().ordinals;
    let first = *ords.get(cx.word(j)?)?;
    if first >= 20 {
        return Some((first, j));
    }
    if first < 10 {
        if cx.word(j + 1) == Some(normalize_word("عشر").as_str()) {
            return Some((first + 10, j + 1));
        }
        if let Some(w) = cx.word(j + 1).and_then(|w| w.strip_prefix('\u{0648}')) {
            if let Some(&t @ (20 | 30)) = ords.get(w) {
                let d = first + t;
                return (d <= 31).then_some((d, j + 1));
            }
        }
    }
    // الحادي alone is not a day.
    (cx.word(j) != Some(normalize_word("الحادي").as_str())).then_some((first, j))
}

/// [weekday] DAY [من] MONTH [year], starting with the day at `d`; the mention starts at
/// `start`.
fn day_month(cx: &Ctx<'_>, start: usize, d: usize) -> Option<(TimeMention, usize)> {
    let (day, last) = day_number_at(cx, d)?;
    let mut j = last + 1;
    if cx.word(j) == Some("\u{0645}\u{0646}") {
        j += 1;
    }
    let (cal, month, n, _weak) = cx.month_at(j, false)?;
    month_tail(cx, start, j, cal, month, n, Some(day), None, false)
}

/// The rest of a month expression: paired month, year, suffix; `j` is the month token.
#[allow(clippy::too_many_arguments)]
fn month_tail(
    cx: &Ctx<'_>,
    start: usize,
    j: usize,
    cal: Cal,
    month: u8,
    n: usize,
    day: Option<u8>,
    part: Option<u8>,
    strong: bool,
) -> Option<(TimeMention, usize)> {
    let mut end = j + n - 1; // last token used
                             // Paired form: "يناير/ كانون الثاني", "كانون الثاني (يناير)".
    let mut paired = false;
    if cx.is_punct(end + 1, &["/", "(", "-", "–"]) {
        if let Some((c2, m2, n2, _)) = cx.month_at(end + 2, false) {
            if c2 == cal && m2 == month {
                end += 1 + n2;
                paired = true;
                if cx.is_punct(end + 1, &[")"]) {
                    end += 1;
                }
            }
        }
    }
    // Year: "2018", "عام 2018", "من عام 2018", "الجاري/الماضي".
    let mut year: Option<i32> = None;
    let mut rel: Option<i8> = None;
    let mut k = end + 1;
    if cx.word(k) == Some("\u{0645}\u{0646}") && matches!(cx.lex(k + 1), Some(Lex::Year)) {
        k += 1;
    }
    if matches!(cx.lex(k), Some(Lex::Year)) && cx.year_at(k + 1).is_some() {
        k += 1;
    }
    if let Some(y) = cx.year_at(k) {
        year = Some(y);
        end = k;
        // Suffix هـ / م
        if let Some(w) = cx.word(k + 1) {
            if w == "\u{0647}" || w == "\u{0645}" {
                end = k + 1;
            }
        }
    } else if let Some(Lex::Rel(r)) = cx.lex(end + 1) {
        rel = Some(r);
        end += 1;
    } else if cal == Cal::Hijri && cx.word(end + 1) == Some("\u{0647}") {
        end += 1;
    }
    let weak_ok = strong || paired || day.is_some() || year.is_some() || rel.is_some();
    let (_, _, _, weak) = cx.month_at(j, true)?;
    if weak && !weak_ok {
        return None;
    }
    let span = cx.span(start, end);
    let precision = if day.is_some() {
        Precision::Day
    } else {
        Precision::Month
    };
    let the_day = day.or(part);
    let date_of = |y: i32| -> Option<Date> {
        match cal {
            Cal::Gregorian => match the_day {
                Some(0) | None => month_date(y, month, the_day),
                Some(d) => Date::new(y, month, d).ok(),
            },
            Cal::Hijri => {
                let d = match the_day {
                    None => 1,
                    Some(0) => 29,
                    Some(d) => d,
                };
                hijri_to_gregorian(y, month, d)
            }
        }
    };
    if let Some(y) = year {
        let y_ok = match cal {
            Cal::Gregorian => (1800..=2100).contains(&y),
            Cal::Hijri => (1300..=1600).contains(&y),
        };
        if !y_ok {
            return None;
        }
        let date = date_of(y)?;
        cx.set_year(cal, y, span.start);
        return Some((
            mention(span, Some(date), precision, Basis::Explicit),
            end + 1,
        ));
    }
    // The year of an explicit date earlier in the paragraph or timeline.
    if rel.is_none() {
        if let Some(y) = cx.inherited_year(cal, span.start) {
            if let Some(date) = date_of(y) {
                return Some((
                    mention(span, Some(date), precision, Basis::Explicit),
                    end + 1,
                ));
            }
        }
    }
    let Some(pub_date) = cx.published else {
        return Some((mention(span, None, precision, Basis::Unresolved), end + 1));
    };
    let pub_year = match cal {
        Cal::Gregorian => pub_date.year(),
        Cal::Hijri => gregorian_to_hijri(pub_date).0,
    };
    // The most recent such date not after publication (the next with المقبل).
    let this = date_of(pub_year);
    let mut future = None;
    let date = match rel {
        Some(1) => match this {
            Some(d) if d > pub_date => Some(d),
            _ => date_of(pub_year + 1),
        },
        Some(0) => this,
        Some(-1) => {
            // الماضي: strictly before publication (a month: before the publication month).
            let strictly_before = match (cal, day) {
                (_, Some(_)) => this.is_some_and(|d| d < pub_date),
                (Cal::Gregorian, None) => month < pub_date.month(),
                (Cal::Hijri, None) => month < gregorian_to_hijri(pub_date).1,
            };
            if strictly_before {
                this
            } else {
                date_of(pub_year - 1)
            }
        }
        _ => {
            future = match (cal, day) {
                (Cal::Gregorian, None) if month >= pub_date.month() => this,
                (Cal::Hijri, None) if month >= gregorian_to_hijri(pub_date).1 => this,
                (_, Some(_)) if this.is_some_and(|d| d >= pub_date) => this,
                _ => date_of(pub_year + 1),
            };
            // Compare at the expression's precision: a month not after the publication month.
            let first = date_of(pub_year).and_then(|d| match (cal, day) {
                (Cal::Gregorian, None) => Date::new(d.year(), d.month(), 1).ok(),
                (Cal::Hijri, None) => hijri_to_gregorian(pub_year, month, 1),
                _ => Some(d),
            });
            match first {
                Some(f) if f <= pub_date => this,
                _ => date_of(pub_year - 1),
            }
        }
    };
    let mut m = mention(span, date, precision, Basis::Relative);
    m.future = future.filter(|_| m.date.is_some());
    Some((m, end + 1))
}

/// عام 2011 is handled in the word patterns; here: 2011م and في/منذ 2011.
fn bare_year(cx: &Ctx<'_>, i: usize) -> Option<(TimeMention, usize)> {
    let y = cx.year_at(i)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let suffix_m = cx.word(i + 1) == Some("\u{0645}");
    let prep = i > 0 && matches!(cx.lex_clitic(i - 1), Some(Lex::YearPrep | Lex::Since));
    // A timeline heading: "2011: وقعت سوريا ..."
    let heading = cx.is_punct(i + 1, &[":"]) && cx.line_initial(cx.toks[i].span.start);
    if heading {
        cx.set_year(Cal::Gregorian, y, cx.toks[i].span.start);
    }
    if !suffix_m && !prep && !heading {
        return None;
    }
    // "في 2000 غارة" is a quantity.
    if !suffix_m && cx.word(i + 1).is_some_and(crate::numbers::is_unit_word) {
        return None;
    }
    let end = if suffix_m { i + 1 } else { i };
    let date = Date::new(y, 1, 1).ok();
    Some((
        mention(cx.span(i, end), date, Precision::Year, Basis::Explicit),
        end + 1,
    ))
}

fn relative(
    cx: &Ctx<'_>,
    span: Range<usize>,
    f: impl Fn(Date) -> Option<Date>,
    p: Precision,
) -> TimeMention {
    match cx.published {
        Some(d) => mention(span, f(d), p, Basis::Relative),
        None => mention(span, None, p, Basis::Unresolved),
    }
}

fn word_pattern(cx: &Ctx<'_>, i: usize) -> Option<(TimeMention, usize)> {
    let lex = cx.lex_clitic(i)?;
    match lex {
        // التاسع من كانون الثاني
        Lex::Ordinal => day_month(cx, i, i),
        Lex::Season => season(cx, i),
        Lex::DayPrefix => {
            // مساء أمس، يوم الخميس، يوم 15 نيسان
            let (m, next) = day_expression(cx, i, i + 1)?;
            Some((m, next))
        }
        Lex::Part(day) => {
            // منتصف نيسان, مطلع الشهر الماضي
            if let Some((cal, month, n, _)) = cx.month_at(i + 1, false) {
                return month_tail(cx, i, i + 1, cal, month, n, None, Some(day), true);
            }
            if cx.lex(i + 1) == Some(Lex::MonthTitle) {
                if let Some((cal, month, n, _)) = cx.month_at(i + 2, false) {
                    return month_tail(cx, i, i + 2, cal, month, n, None, Some(day), true);
                }
            }
            if cx.lex(i + 1) == Some(Lex::MonthWord) {
                if let Some(Lex::Rel(r)) = cx.lex(i + 2) {
                    let span = cx.span(i, i + 2);
                    let m = relative(
                        cx,
                        span,
                        |d| {
                            let (y, m) = add_months(d.year(), d.month(), i32::from(r));
                            month_date(y, m, Some(day))
                        },
                        Precision::Month,
                    );
                    return Some((m, i + 3));
                }
            }
            // مطلع العام الجاري, نهاية 2017, منتصف عام 2016
            if let Some(r) = year_part(cx, i, day) {
                return Some(r);
            }
            // أول أمس
            day_expression(cx, i, i)
        }
        Lex::MonthTitle => {
            let (cal, month, n, _) = cx.month_at(i + 1, false)?;
            month_tail(cx, i, i + 1, cal, month, n, None, None, true)
        }
        Lex::Month(..) | Lex::MonthHead(_) => {
            let Some((cal, month, n, _)) = cx.month_at(i, true) else {
                // ربيع 2012 (the season)
                return season(cx, i);
            };
            let strong = i > 0
                && cx.word(i - 1) == Some("\u{0641}\u{064A}")
                && month == 3
                && cal == Cal::Gregorian;
            month_tail(cx, i, i, cal, month, n, None, None, strong)
        }
        Lex::Year => {
            // عام 2011 / العام الماضي / السنة الجارية
            if let Some(y) = cx.year_at(i + 1) {
                if !(1800..=2100).contains(&y) {
                    return None;
                }
                let mut end = i + 1;
                if cx.word(i + 2) == Some("\u{0645}") {
                    end += 1;
                }
                let date = Date::new(y, 1, 1).ok();
                return Some((
                    mention(cx.span(i, end), date, Precision::Year, Basis::Explicit),
                    end + 1,
                ));
            }
            let w = cx.word(i)?;
            let has_article = w.contains("\u{0627}\u{0644}");
            if let (true, Some(Lex::Rel(r))) = (has_article, cx.lex(i + 1)) {
                let span = cx.span(i, i + 1);
                let m = relative(
                    cx,
                    span,
                    |d| Date::new(d.year() + i32::from(r), 1, 1).ok(),
                    Precision::Year,
                );
                return Some((m, i + 2));
            }
            None
        }
        Lex::This => {
            // هذا العام / هذا الأسبوع / هذا الشهر
            let l = cx.lex(i + 1)?;
            let span = cx.span(i, i + 1);
            let m = match l {
                Lex::Year
                    if cx
                        .word(i + 1)
                        .is_some_and(|w| w.starts_with("\u{0627}\u{0644}")) =>
                {
                    relative(
                        cx,
                        span,
                        |d| Date::new(d.year(), 1, 1).ok(),
                        Precision::Year,
                    )
                }
                Lex::MonthWord => relative(
                    cx,
                    span,
                    |d| month_date(d.year(), d.month(), None),
                    Precision::Month,
                ),
                Lex::Week => relative(cx, span, Some, Precision::Week),
                _ => return None,
            };
            Some((m, i + 2))
        }
        Lex::Week => {
            let Some(Lex::Rel(r)) = cx.lex(i + 1) else {
                return None;
            };
            let span = cx.span(i, i + 1);
            Some((
                relative(
                    cx,
                    span,
                    |d| Some(d.add_days(7 * i64::from(r))),
                    Precision::Week,
                ),
                i + 2,
            ))
        }
        Lex::MonthWord => {
            let Some(Lex::Rel(r)) = cx.lex(i + 1) else {
                return None;
            };
            let span = cx.span(i, i + 1);
            let m = relative(
                cx,
                span,
                |d| {
                    let (y, m) = add_months(d.year(), d.month(), i32::from(r));
                    month_date(y, m, None)
                },
                Precision::Month,
            );
            Some((m, i + 2))
        }
        Lex::Before => before(cx, i, false),
        Lex::Since => before(cx, i, true),
        Lex::Tonight => {
            let (off, end) = match cx.lex(i + 1) {
                Some(Lex::Rel(-1)) => (-1, i + 1),
                _ => (0, i),
            };
            let span = cx.span(i, end);
            Some((
                relative(cx, span, |d| Some(d.add_days(off)), Precision::Day),
                end + 1,
            ))
        }
        _ => day_expression(cx, i, i),
    }
}

/// A part of a year (مطلع العام الجاري، نهاية 2017، منتصف عام 2016): precision month, in
/// January (مطلع), July (منتصف) or December (أواخر, نهاية).
fn year_part(cx: &Ctx<'_>, i: usize, part: u8) -> Option<(TimeMention, usize)> {
    let (month, day) = match part {
        1 => (1, 1),
        15 => (7, 1),
        25 => (12, 1),
        _ => (12, 31),
    };
    let at = |y: i32| Date::new(y, month, day).ok();
    let mut k = i + 1;
    let year_word = matches!(cx.lex(k), Some(Lex::Year));
    if year_word {
        k += 1;
    }
    if let Some(y) = cx.year_at(k).filter(|y| (1800..=2100).contains(y)) {
        return Some((
            mention(cx.span(i, k), at(y), Precision::Month, Basis::Explicit),
            k + 1,
        ));
    }
    let article = cx
        .word(i + 1)
        .is_some_and(|w| w.starts_with("\u{0627}\u{0644}"));
    if year_word && article {
        if let Some(Lex::Rel(r)) = cx.lex(k) {
            let span = cx.span(i, k);
            let m = relative(cx, span, |d| at(d.year() + i32::from(r)), Precision::Month);
            return Some((m, k + 1));
        }
    }
    None
}

/// صيف 2012: a season with a year, year precision.
fn season(cx: &Ctx<'_>, i: usize) -> Option<(TimeMention, usize)> {
    let mut k = i + 1;
    if matches!(cx.lex(k), Some(Lex::Year)) {
        k += 1;
    }
    let y = cx.year_at(k).filter(|y| (1800..=2100).contains(y))?;
    let date = Date::new(y, 1, 1).ok();
    Some((
        mention(cx.span(i, k), date, Precision::Year, Basis::Explicit),
        k + 1,
    ))
}

/// Day-precision expressions at token `j`, with the mention starting at `start` (a
/// time-of-day or يوم prefix when `start < j`).
fn day_expression(cx: &Ctx<'_>, start: usize, j: usize) -> Option<(TimeMention, usize)> {
    if start < j {
        // يوم 15 نيسان
        if let Some(r) = day_month(cx, start, j) {
            return Some(r);
        }
    }
    let lex = if start < j {
        cx.lex(j)?
    } else {
        cx.lex_clitic(j)?
    };
    let day = |off: i64, end: usize| -> Option<(TimeMention, usize)> {
        let span = cx.span(start, end);
        Some((
            relative(cx, span, |d| Some(d.add_days(off)), Precision::Day),
            end + 1,
        ))
    };
    match lex {
        Lex::Today => day(0, j),
        Lex::Tomorrow => day(1, j),
        Lex::Yesterday => {
            // أمس الأول = the day before yesterday
            if cx.word(j + 1) == Some(normalize_word("الأول").as_str()) {
                return day(-2, j + 1);
            }
            day(-1, j)
        }
        Lex::First | Lex::Part(1) => {
            // أول أمس, أول من أمس
            let o = cx.word(j)?;
            if o != "\u{0627}\u{0648}\u{0644}" && !o.ends_with("\u{0627}\u{0648}\u{0644}") {
                return None;
            }
            if cx.lex(j + 1) == Some(Lex::Yesterday) {
                return day(-2, j + 1);
            }
            if cx.word(j + 1) == Some("\u{0645}\u{0646}") && cx.lex(j + 2) == Some(Lex::Yesterday) {
                return day(-2, j + 2);
            }
            None
        }
        Lex::Weekday(wd) => {
            // الخميس 15 نيسان 2018: the explicit date wins.
            if let Some(r) = day_month(cx, start, j + 1) {
                return Some(r);
            }
            let (rel, end) = match cx.lex(j + 1) {
                Some(Lex::Rel(r)) => (r, j + 1),
                _ => (2, j),
            };
            let span = cx.span(start, end);
            let m = relative(
                cx,
                span,
                |d| {
                    let diff = (i64::from(d.weekday()) - i64::from(wd)).rem_euclid(7);
                    Some(match rel {
                        -1 => d.add_days(-(if diff == 0 { 7 } else { diff })),
                        1 | 0 => {
                            let ahead = (i64::from(wd) - i64::from(d.weekday())).rem_euclid(7);
                            d.add_days(if ahead == 0 && rel == 1 { 7 } else { ahead })
                        }
                        _ => d.add_days(-diff),
                    })
                },
                Precision::Day,
            );
            let mut m = m;
            if rel == 2 {
                m.future = cx
                    .published
                    .filter(|_| m.date.is_some())
                    .map(|d| d.add_days((i64::from(wd) - i64::from(d.weekday())).rem_euclid(7)));
            }
            Some((m, end + 1))
        }
        _ => None,
    }
}

/// قبل ١٠ أيام، قبل يومين، قبل أسبوع، قبل ثلاثة أشهر.
fn before(cx: &Ctx<'_>, i: usize, since: bool) -> Option<(TimeMention, usize)> {
    use crate::numbers::Unit;
    // An optional approximation: قبل نحو أسبوع، منذ أكثر من عام.
    let mut q = i + 1;
    let approx = ["نحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر", "أقل"];
    if let Some(w) = cx.word(q) {
        if approx.iter().any(|a| normalize_word(a) == w) {
            q += 1;
            if cx.word(q) == Some("\u{0645}\u{0646}") {
                q += 1;
            }
        }
    }
    let (n, unit, end) = if let Some(p) = parse_number_at(cx.toks, q).filter(|p| !p.vague) {
        let u = crate::numbers::unit_of(cx.word(p.end)?)?;
        (p.value, u, p.end)
    } else {
        let w = cx.word(q)?;
        if let Some(u) = crate::numbers::dual_unit_of(w) {
            (2.0, u, q)
        } else if ["يوم", "أسبوع", "شهر", "عام", "سنة"]
            .iter()
            .any(|s| normalize_word(s) == w)
        {
            (1.0, crate::numbers::unit_of(w)?, q)
        } else {
            return None;
        }
    };
    if !(n > 0.0 && n <= 10_000.0) {
        return None;
    }
    // منذ عام 2011 is a year, not "a year ago".
    if cx.year_at(end + 1).is_some() {
        return None;
    }
    let span = cx.span(i, end);
    let k = n.round() as i64;
    let mut m = match unit {
        Unit::Day => relative(cx, span, |d| Some(d.add_days(-k)), Precision::Day),
        Unit::Week => relative(cx, span, |d| Some(d.add_days(-7 * k)), Precision::Week),
        Unit::Month => relative(
            cx,
            span,
            |d| {
                let (y, m) = add_months(d.year(), d.month(), -(k as i32));
                month_date(y, m, None)
            },
            Precision::Month,
        ),
        Unit::Year => relative(
            cx,
            span,
            |d| Date::new(d.year() - k as i32, 1, 1).ok(),
            Precision::Year,
        ),
        _ => return None,
    };
    m.since = since;
    Some((m, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// (span text, date, precision, basis) of every mention.
    fn t(
        s: &str,
        published: Option<Date>,
    ) -> Vec<(&str, Option<String>, Option<Precision>, Basis)> {
        find_times(s, published)
            .into_iter()
            .map(|m| {
                (
                    &s[m.span],
                    m.date.map(|d| d.to_string()),
                    m.precision,
                    m.basis,
                )
            })
            .collect()
    }

    /// The single mention: (span text, date, precision).
    fn one(s: &str, published: Date) -> (String, String, Precision) {
        let all = find_times(s, Some(published));
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        let m = &all[0];
        (
            s[m.span.clone()].to_string(),
            m.date.map(|d| d.to_string()).unwrap_or_default(),
            m.precision.unwrap_or(Precision::Year),
        )
    }

    const PUB: (i32, u8, u8) = (2018, 4, 20); // a Friday

    fn p() -> Date {
        d(PUB.0, PUB.1, PUB.2)
    }

    #[test]
    fn levantine_months() {
        for (name, m) in [
            ("كانون الثاني", 1),
            ("شباط", 2),
            ("آذار", 3),
            ("نيسان", 4),
            ("أيار", 5),
            ("حزيران", 6),
            ("تموز", 7),
            ("آب", 8),
            ("أيلول", 9),
            ("تشرين الأول", 10),
            ("تشرين الثاني", 11),
            ("كانون الأول", 12),
        ] {
            let s = format!("في 3 {name} 2017 وقع");
            let (span, date, prec) = one(&s, p());
            assert_eq!(span, format!("3 {name} 2017"));
            assert_eq!(date, format!("2017-{m:02}-03"), "{name}");
            assert_eq!(prec, Precision::Day);
        }
    }

    #[test]
    fn egyptian_months() {
        for (name, m) in [
            ("يناير", 1),
            ("فبراير", 2),
            ("مارس", 3),
            ("أبريل", 4),
            ("إبريل", 4),
            ("مايو", 5),
            ("يونيو", 6),
            ("يونيه", 6),
            ("يوليو", 7),
            ("يوليه", 7),
            ("أغسطس", 8),
            ("سبتمبر", 9),
            ("أكتوبر", 10),
            ("نوفمبر", 11),
            ("ديسمبر", 12),
        ] {
            let s = format!("في {name} 2016");
            let (span, date, prec) = one(&s, p());
            assert_eq!(span, format!("{name} 2016"));
            assert_eq!(date, format!("2016-{m:02}-01"), "{name}");
            assert_eq!(prec, Precision::Month);
        }
    }

    #[test]
    fn paired_month_forms() {
        assert_eq!(
            one("في 20 يناير/ كانون الثاني الماضي", p()).0,
            "20 يناير/ كانون الثاني الماضي"
        );
        assert_eq!(one("في 20 يناير/ كانون الثاني الماضي", p()).1, "2018-01-20");
        assert_eq!(
            one("في كانون الثاني (يناير) 2017", p()).0,
            "كانون الثاني (يناير) 2017"
        );
        assert_eq!(one("في مارس/آذار عام 2011", p()).1, "2011-03-01");
        assert_eq!(one("يناير/كانون ثاني 2018", p()).1, "2018-01-01");
    }

    #[test]
    fn day_month_year() {
        assert_eq!(
            one("في 15 نيسان 2018", p()),
            ("15 نيسان 2018".into(), "2018-04-15".into(), Precision::Day)
        );
        assert_eq!(one("في ١٥ نيسان ٢٠١٨", p()).1, "2018-04-15");
        assert_eq!(one("في 18 من فبراير/ شباط", p()).1, "2018-02-18");
        assert_eq!(
            one("في التاسع من كانون الثاني/يناير 2017", p()).1,
            "2017-01-09"
        );
        assert_eq!(one("في الحادي عشر من أيلول 2001", p()).1, "2001-09-11");
        assert_eq!(one("في الخامس والعشرين من آذار", p()).1, "2018-03-25");
        assert_eq!(one("الخميس 15 آذار 2018", p()).0, "الخميس 15 آذار 2018");
    }

    #[test]
    fn bare_month_takes_year_from_publication() {
        // not after publication: July before an April publication is last year's July
        assert_eq!(
            one("في تموز", p()),
            ("تموز".into(), "2017-07-01".into(), Precision::Month)
        );
        assert_eq!(one("في آذار", p()).1, "2018-03-01");
        assert_eq!(one("في نيسان", p()).1, "2018-04-01");
        assert_eq!(one("في تموز المقبل", p()).1, "2018-07-01");
        assert_eq!(one("في نيسان المقبل", p()).1, "2019-04-01");
        assert_eq!(one("في نيسان الماضي", p()).1, "2017-04-01");
        assert_eq!(one("في آذار الماضي", p()).1, "2018-03-01");
        assert_eq!(one("في 15 نيسان الماضي", p()).1, "2018-04-15");
        assert_eq!(one("في 25 نيسان الماضي", p()).1, "2017-04-25");
        assert_eq!(one("في 25 نيسان", p()).1, "2017-04-25");
        assert_eq!(
            t("في تموز", None),
            vec![("تموز", None, None, Basis::Unresolved)]
        );
    }

    #[test]
    fn ambiguous_month_names_need_context() {
        assert!(find_times("مارس الضغط على الحكومة", Some(p())).is_empty());
        assert_eq!(one("في مارس", p()).1, "2018-03-01");
        assert!(find_times("قال الأب إن ابنه", Some(p())).is_empty());
        assert!(find_times("وصل اب العائلة", Some(p())).is_empty());
        assert_eq!(one("في آب", p()).1, "2017-08-01");
        assert_eq!(one("في 3 اب 2015", p()).1, "2015-08-03");
        assert!(find_times("رجب طيب أردوغان", Some(p())).is_empty());
        assert!(find_times("صفر", Some(p())).is_empty());
    }

    #[test]
    fn month_parts() {
        assert_eq!(
            one("منتصف نيسان", p()),
            ("منتصف نيسان".into(), "2018-04-15".into(), Precision::Month)
        );
        assert_eq!(one("مطلع نيسان", p()).1, "2018-04-01");
        assert_eq!(one("أوائل نيسان", p()).1, "2018-04-01");
        assert_eq!(one("أواخر نيسان", p()).1, "2018-04-25");
        assert_eq!(one("نهاية نيسان", p()).1, "2018-04-30");
        assert_eq!(one("نهاية شباط 2016", p()).1, "2016-02-29");
        assert_eq!(one("منتصف الشهر الماضي", p()).1, "2018-03-15");
        assert_eq!(one("منتصف شهر آذار", p()).1, "2018-03-15");
    }

    #[test]
    fn parts_of_a_year() {
        assert_eq!(
            one("مطلع العام الجاري", p()),
            (
                "مطلع العام الجاري".into(),
                "2018-01-01".into(),
                Precision::Month
            )
        );
        assert_eq!(one("نهاية العام الماضي", p()).1, "2017-12-31");
        assert_eq!(one("منتصف عام 2016", p()).1, "2016-07-01");
        assert_eq!(one("أواخر 2015", p()).1, "2015-12-01");
        assert!(find_times("مطلع الأسبوع", Some(p())).is_empty());
    }

    #[test]
    fn weekdays() {
        // 2018-04-20 is a Friday
        assert_eq!(
            one("الخميس الماضي", p()),
            ("الخميس الماضي".into(), "2018-04-19".into(), Precision::Day)
        );
        assert_eq!(one("يوم الجمعة", p()).1, "2018-04-20");
        assert_eq!(one("الجمعة الماضية", p()).1, "2018-04-13");
        assert_eq!(one("يوم السبت", p()).1, "2018-04-14");
        assert_eq!(one("الاثنين", p()).1, "2018-04-16");
        assert_eq!(one("الأحد المقبل", p()).1, "2018-04-22");
        assert_eq!(one("والخميس", p()).0, "الخميس");
        assert_eq!(t("الخميس الماضي", None)[0].3, Basis::Unresolved);
    }

    #[test]
    fn relative_days() {
        assert_eq!(
            one("اليوم", p()),
            ("اليوم".into(), "2018-04-20".into(), Precision::Day)
        );
        assert_eq!(one("أمس", p()).1, "2018-04-19");
        assert_eq!(one("وقال أمس", p()).1, "2018-04-19");
        assert_eq!(one("أول أمس", p()).1, "2018-04-18");
        assert_eq!(one("أول من أمس", p()).1, "2018-04-18");
        assert_eq!(one("أمس الأول", p()).1, "2018-04-18");
        assert_eq!(
            one("مساء أمس", p()),
            ("مساء أمس".into(), "2018-04-19".into(), Precision::Day)
        );
        assert_eq!(one("صباح أمس", p()).0, "صباح أمس");
        assert_eq!(one("يوم أمس", p()).0, "يوم أمس");
        assert_eq!(one("غداً", p()).1, "2018-04-21");
        assert_eq!(one("البارحة", p()).1, "2018-04-19");
    }

    #[test]
    fn whole_tokens_only() {
        assert!(find_times("أول أمسية شعرية", Some(p())).is_empty());
        assert!(find_times("الأعمال اليومية", Some(p())).is_empty());
        assert!(find_times("لامس السقف", Some(p())).is_empty());
    }

    #[test]
    fn clitics_on_the_first_word() {
        assert_eq!(
            one("وأمس", p()),
            ("أمس".into(), "2018-04-19".into(), Precision::Day)
        );
        assert_eq!(
            one("بالأمس", p()),
            ("الأمس".into(), "2018-04-19".into(), Precision::Day)
        );
        assert_eq!(one("واليوم", p()).0, "اليوم");
        assert_eq!(one("ونيسان 2017", p()).0, "نيسان 2017");
        assert_eq!(one("وَأمسِ", p()).0, "أمسِ");
    }

    #[test]
    fn relative_periods() {
        assert_eq!(
            one("الأسبوع الماضي", p()),
            ("الأسبوع الماضي".into(), "2018-04-13".into(), Precision::Week)
        );
        assert_eq!(
            one("الشهر الماضي", p()),
            ("الشهر الماضي".into(), "2018-03-01".into(), Precision::Month)
        );
        assert_eq!(one("الشهر الجاري", p()).1, "2018-04-01");
        assert_eq!(
            one("العام الماضي", p()),
            ("العام الماضي".into(), "2017-01-01".into(), Precision::Year)
        );
        assert_eq!(one("السنة الماضية", p()).1, "2017-01-01");
        assert_eq!(one("هذا العام", p()).1, "2018-01-01");
        assert!(find_times("الهيئة العامة", Some(p())).is_empty());
    }

    #[test]
    fn before_n_units() {
        assert_eq!(
            one("قبل ١٠ أيام", p()),
            ("قبل ١٠ أيام".into(), "2018-04-10".into(), Precision::Day)
        );
        assert_eq!(one("قبل يومين", p()).1, "2018-04-18");
        assert_eq!(one("قبل ثلاثة أيام", p()).1, "2018-04-17");
        assert_eq!(
            one("قبل أسبوع", p()),
            ("قبل أسبوع".into(), "2018-04-13".into(), Precision::Week)
        );
        assert_eq!(one("قبل شهر", p()).1, "2018-03-01");
        assert_eq!(one("قبل عامين", p()).1, "2016-01-01");
        assert!(find_times("قبل أيام", Some(p())).is_empty());
        assert!(find_times("قبل الحرب", Some(p())).is_empty());
    }

    #[test]
    fn digit_dates() {
        assert_eq!(
            one("بتاريخ 12/3/2018", p()),
            ("12/3/2018".into(), "2018-03-12".into(), Precision::Day)
        );
        assert_eq!(one("بتاريخ 2018-03-12", p()).1, "2018-03-12");
        assert_eq!(one("بتاريخ 2018/3/12", p()).1, "2018-03-12");
        assert_eq!(one("بتاريخ 12-3-2018", p()).1, "2018-03-12");
        assert_eq!(one("بتاريخ 12.3.2018", p()).1, "2018-03-12");
        assert_eq!(one("بتاريخ 3/25/2018", p()).1, "2018-03-25"); // month first only when forced
        assert_eq!(one("بتاريخ ١٢/٣/٢٠١٨", p()).1, "2018-03-12");
        assert!(find_times("النتيجة 3/4", Some(p())).is_empty());
        assert!(find_times("بتاريخ 40/40/2018", Some(p())).is_empty());
    }

    #[test]
    fn years() {
        assert_eq!(
            one("منذ عام 2011", p()),
            ("عام 2011".into(), "2011-01-01".into(), Precision::Year)
        );
        assert_eq!(one("العام 2013", p()).1, "2013-01-01");
        assert_eq!(one("سنة ٢٠١١", p()).1, "2011-01-01");
        assert_eq!(one("2011م", p()).0, "2011م");
        assert_eq!(one("منذ 2012 تحولت", p()).0, "2012");
        assert_eq!(one("في صيف 2012", p()).0, "صيف 2012");
        assert!(find_times("أحصى 2000 غارة", Some(p())).is_empty());
        assert!(find_times("في 2000 غارة", Some(p())).is_empty());
    }

    #[test]
    fn hijri_dates() {
        assert_eq!(hijri_to_gregorian(1439, 9, 1), Some(d(2018, 5, 16)));
        // The civil epoch: 1 Muharram 1 AH = 16 July 622 Julian = 19 July 622 Gregorian.
        assert_eq!(hijri_to_gregorian(1, 1, 1), Some(d(622, 7, 19)));
        assert_eq!(hijri_to_gregorian(1439, 13, 1), None);
        for days in [-400_000i64, 0, 17_667, 20_000] {
            let g = Date::from_days(days);
            let (y, m, dd) = gregorian_to_hijri(g);
            assert_eq!(hijri_to_gregorian(y, m, dd), Some(g));
        }
        let (s, date, prec) = one("في 10 ذي الحجة 1438 هـ", p());
        assert_eq!(s, "10 ذي الحجة 1438 هـ");
        assert_eq!(date, hijri_to_gregorian(1438, 12, 10).unwrap().to_string());
        assert_eq!(prec, Precision::Day);
        assert_eq!(one("في رمضان", p()).1, "2017-05-27"); // Ramadan 1438, the last before publication
        assert_eq!(one("في شهر رمضان 1439هـ", p()).1, "2018-05-16");
        assert_eq!(
            one("1 محرم 1440", p()).1,
            hijri_to_gregorian(1440, 1, 1).unwrap().to_string()
        );
        for (name, m) in [
            ("ربيع الأول", 3),
            ("ربيع الآخر", 4),
            ("ربيع الثاني", 4),
            ("جمادى الأولى", 5),
            ("جمادى الآخرة", 6),
            ("رجب", 7),
            ("شعبان", 8),
            ("شوال", 10),
            ("ذو القعدة", 11),
            ("ذو الحجة", 12),
            ("صفر", 2),
        ] {
            let s = format!("في 5 {name} 1439 هـ");
            assert_eq!(
                one(&s, p()).1,
                hijri_to_gregorian(1439, m, 5).unwrap().to_string(),
                "{name}"
            );
        }
    }

    #[test]
    fn unresolved_without_publication() {
        for s in [
            "أمس",
            "الخميس الماضي",
            "منتصف نيسان",
            "قبل يومين",
            "الشهر الماضي",
            "في رمضان",
        ] {
            let got = t(s, None);
            assert_eq!(got.len(), 1, "{s}");
            assert_eq!(
                (got[0].1.clone(), got[0].2, got[0].3),
                (None, None, Basis::Unresolved),
                "{s}"
            );
        }
        // explicit dates need no publication date
        assert_eq!(t("15 نيسان 2018", None)[0].3, Basis::Explicit);
    }

    #[test]
    fn since_is_a_date_and_a_duration() {
        let m = &find_times("المياه بدأت تعود منذ يومين", Some(p()))[0];
        assert_eq!(m.date, Some(d(2018, 4, 18)));
        assert!(m.since);
        assert!(!find_times("قبل يومين", Some(p()))[0].since);
        assert_eq!(one("قبل نحو أسبوع", p()).0, "قبل نحو أسبوع");
        assert_eq!(one("منذ أكثر من عام", p()).1, "2017-01-01");
        assert_eq!(
            one("منذ 18 شباط", p()),
            ("18 شباط".into(), "2018-02-18".into(), Precision::Day)
        );
        assert_eq!(one("منذ 2011", p()).1, "2011-01-01");
    }

    #[test]
    fn future_alternative_for_weekdays_and_months() {
        // published on Sunday 2018-04-29: "on Monday" is 04-23 if reported, 04-30 if planned
        let m = &find_times("على أن يبدأ تنفيذه الإثنين", Some(d(2018, 4, 29)))[0];
        assert_eq!(m.date, Some(d(2018, 4, 23)));
        assert_eq!(m.future, Some(d(2018, 4, 30)));
        let m = &find_times("في تموز", Some(p()))[0];
        assert_eq!(
            (m.date, m.future),
            (Some(d(2017, 7, 1)), Some(d(2018, 7, 1)))
        );
        let m = &find_times("في 15 آذار", Some(p()))[0];
        assert_eq!(m.future, Some(d(2019, 3, 15)));
        assert_eq!(find_times("الخميس الماضي", Some(p()))[0].future, None);
        assert_eq!(find_times("الخميس", None)[0].future, None);
    }

    #[test]
    fn year_from_the_paragraph_or_timeline() {
        let s = "في 31 أغسطس 2014 أسقطت طائرة. وفي 23 سبتمبر أسقطت مقاتلة.\nوفي 5 مايو حدث شيء";
        let got = t(s, Some(p()));
        assert_eq!(got[1].1.as_deref(), Some("2014-09-23"));
        assert_eq!(got[1].3, Basis::Explicit);
        // a new paragraph falls back to the publication date
        assert_eq!(got[2].1.as_deref(), Some("2017-05-05"));
        let timeline = "30 يناير 2013: غارة.\n3 و5 مايو: غارتان.\n7 ديسمبر: اتهام.\n18 يناير 2015: غارة.\n29 يوليو: قتل.";
        let dates: Vec<String> = t(timeline, Some(p()))
            .into_iter()
            .filter_map(|m| m.1)
            .collect();
        assert_eq!(
            dates,
            [
                "2013-01-30",
                "2013-05-05",
                "2013-12-07",
                "2015-01-18",
                "2015-07-29"
            ]
        );
        let headings = "2011: وقعت سوريا.\nفي مارس: احتجاجات.";
        let got = t(headings, Some(p()));
        assert_eq!(got[0].1.as_deref(), Some("2011-01-01"));
        assert_eq!(got[1].1.as_deref(), Some("2018-03-01")); // "في مارس" is not a timeline entry
                                                             // الماضي still resolves against publication
        let s = "في آذار 2011 بدأت. وفي 15 شباط الماضي انتهت";
        assert_eq!(t(s, Some(p()))[1].1.as_deref(), Some("2018-02-15"));
    }

    #[test]
    fn double_clitics_and_tonight() {
        assert_eq!(
            one("وبالأمس أعلنت", p()),
            ("الأمس".into(), "2018-04-19".into(), Precision::Day)
        );
        assert_eq!(one("الليلة الماضية", p()).1, "2018-04-19");
        assert_eq!(one("الليلة", p()).1, "2018-04-20");
    }

    #[test]
    fn find_times_in_and_basis_names() {
        let s = "وصلت القافلة أمس";
        let toks = crate::tokenize(s);
        assert_eq!(find_times_in(s, &toks, Some(p())), find_times(s, Some(p())));
        assert_eq!(Basis::Explicit.as_str(), "explicit");
        assert_eq!(Basis::Relative.as_str(), "relative");
        assert_eq!(Basis::Unresolved.as_str(), "unresolved");
    }

    #[test]
    fn seed_expressions() {
        let s = "قالت مصادر أول أمس إن الانسحاب سيتم في منتصف نيسان بعد حصار دام 46 يوماً";
        let got = t(s, Some(d(2018, 4, 3)));
        assert_eq!(
            got[0],
            (
                "أول أمس",
                Some("2018-04-01".into()),
                Some(Precision::Day),
                Basis::Relative
            )
        );
        assert_eq!(
            got[1],
            (
                "منتصف نيسان",
                Some("2018-04-15".into()),
                Some(Precision::Month),
                Basis::Relative
            )
        );
        assert_eq!(got.len(), 2);
    }
}
