//! Quantities: numbers in digits and words, with units and qualifiers.
//!
//! [`find_quantities`] finds amounts in running text:
//! - **digits** in the three scripts (ASCII, ٠-٩, ۰-۹) with separators: a `,`/`٬` followed by
//!   groups of exactly three digits is a thousands separator, a single `.`/`٫` is a decimal
//!   point (3.5, ٣٫٥, 12,000, ١٢٬٠٠٠, 1.250.000); a scale word may follow ("3 آلاف" = 3000,
//!   "2.5 مليون" = 2 500 000);
//! - **number words** with their case endings: واحد … عشرة, أحد عشر … تسعة عشر,
//!   عشرون/عشرين … تسعون/تسعين, compounds joined by و ("خمسة وعشرين" = 25, "مئة وخمسون" = 150),
//!   مئة/مائة/مئتين/ثلاثمئة/"ثلاث مئة", ألف/ألفين/"ثلاثة آلاف", مليون/مليونين/"ثلاثة ملايين",
//!   مليار, and "نصف/ربع مليون". واحد/واحدة count only after a counted noun ("شخص واحد");
//!   أحد only in أحد عشر;
//! - **dual nouns**: قتيلين = 2 killed, جريحين, شخصين, طنين, يومين, ... (plural/dual-ambiguous
//!   forms such as مدنيين and مقاتلين are read as plurals, i.e. not as 2);
//! - **vague amounts** coded as ACLED does (the guideline is silent on them): عشرات = 12,
//!   مئات = 100, bare آلاف = 1000, bare ملايين = 1 000 000, عدة/بضعة/بضع = 3,
//!   "عشرات الآلاف" = 10 000, "مئات الآلاف" = 100 000; these set [`QuantityMention::vague`];
//! - **qualifiers** before the number (أكثر من، ما يزيد عن/على، نحو، حوالي، قرابة، زهاء،
//!   ما يقارب، ما لا يقل عن، أقل من، ما لا يزيد عن ...) or after it (تقريباً، على الأقل), also
//!   with a clitic (بأكثر من، وحوالي);
//! - **units** right after the number (طن/طناً/أطنان → ton, يوم/يوماً/أيام → day, شخص, مدني,
//!   قتيل/قتلى, جريح/جرحى, عائلة, حافلة, برميل, غارة, طفل, ...), after "من" ("ثلاثة من
//!   المدنيين"), with the article after a vague amount ("عشرات القتلى"), `%` and "في المئة".
//!
//! Not reported: numbers inside date expressions (the [`crate::dates`] module finds them and
//! [`find_quantities`] excludes their spans; "قبل ١٠ أيام" is a date, not a quantity, while
//! "منذ 20 يوماً" is both and is reported), and bare
//! four-digit integers between 1900 and 2100 with no unit, scale or qualifier (years).

use crate::dates::find_times_in;
use crate::fastmap::HashMap;
use crate::normalize::normalize_word;
use crate::tokens::{after_first_letter, tokenize, Token, TokenKind};
use std::ops::Range;
use std::sync::OnceLock;

/// What a quantity counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// طن: metric tons.
    Ton,
    /// كيلوغرام.
    Kilogram,
    /// يوم.
    Day,
    /// أسبوع.
    Week,
    /// شهر.
    Month,
    /// عام / سنة.
    Year,
    /// ساعة.
    Hour,
    /// دقيقة.
    Minute,
    /// شخص / نسمة.
    Person,
    /// مدني / مواطن.
    Civilian,
    /// قتيل / قتلى / شهيد.
    Killed,
    /// جريح / جرحى / مصاب.
    Injured,
    /// طفل / أطفال.
    Child,
    /// امرأة / نساء.
    Woman,
    /// مقاتل.
    Fighter,
    /// عنصر / عناصر.
    Member,
    /// معتقل.
    Detainee,
    /// نازح.
    Displaced,
    /// عائلة / أسرة.
    Family,
    /// حافلة / باص.
    Bus,
    /// شاحنة.
    Truck,
    /// شحنة (a shipment of aid or goods).
    Shipment,
    /// سيارة / آلية.
    Vehicle,
    /// برميل (barrel bombs and oil barrels alike).
    Barrel,
    /// غارة.
    Airstrike,
    /// ضربة (a strike, air or otherwise).
    Strike,
    /// جندي / جنود.
    Soldier,
    /// لاجئ.
    Refugee,
    /// ضحية / ضحايا.
    Victim,
    /// مستشفى / مشفى.
    Hospital,
    /// مركز (a centre: medical, civil-defence ...).
    Centre,
    /// بلاغ / تقرير.
    Report,
    /// دفعة (a batch, e.g. of evacuees).
    Batch,
    /// صاروخ.
    Missile,
    /// قذيفة.
    Shell,
    /// قرية.
    Village,
    /// كيلومتر / كم.
    Kilometer,
    /// متر.
    Meter,
    /// `%`, في المئة.
    Percent,
    /// دولار.
    Dollar,
    /// ليرة.
    Lira,
}

impl Unit {
    /// A stable lowercase English name (`ton`, `day`, `killed`, ...).
    pub fn as_str(self) -> &'static str {
        use Unit::*;
        match self {
            Ton => "ton",
            Kilogram => "kg",
            Day => "day",
            Week => "week",
            Month => "month",
            Year => "year",
            Hour => "hour",
            Minute => "minute",
            Person => "person",
            Civilian => "civilian",
            Killed => "killed",
            Injured => "injured",
            Child => "child",
            Woman => "woman",
            Fighter => "fighter",
            Member => "member",
            Detainee => "detainee",
            Displaced => "displaced",
            Family => "family",
            Bus => "bus",
            Truck => "truck",
            Shipment => "shipment",
            Vehicle => "vehicle",
            Barrel => "barrel",
            Airstrike => "airstrike",
            Strike => "strike",
            Soldier => "soldier",
            Refugee => "refugee",
            Victim => "victim",
            Hospital => "hospital",
            Centre => "centre",
            Report => "report",
            Batch => "batch",
            Missile => "missile",
            Shell => "shell",
            Village => "village",
            Kilometer => "km",
            Meter => "m",
            Percent => "percent",
            Dollar => "usd",
            Lira => "lira",
        }
    }

    /// The output schema's `(unit, item)` for this unit: people are counted in `person` with
    /// the kind of person as the item (`killed` → `("person", Some("killed"))`), everything
    /// else is its own unit with no item.
    pub fn schema(self) -> (&'static str, Option<&'static str>) {
        use Unit::*;
        match self {
            Person => ("person", None),
            Civilian | Killed | Injured | Child | Woman | Fighter | Member | Detainee
            | Displaced | Soldier | Refugee | Victim => ("person", Some(self.as_str())),
            Airstrike => ("strike", Some("airstrike")),
            _ => (self.as_str(), None),
        }
    }

    /// Whether this unit counts people.
    pub fn is_person(self) -> bool {
        self.schema().0 == "person"
    }

    /// Whether this unit is a length of time (day, week, month, year, hour, minute).
    pub fn is_duration(self) -> bool {
        matches!(
            self,
            Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Hour | Unit::Minute
        )
    }

    /// Length in days of one unit of time (a month is 30 days, a year 365), for durations.
    pub fn days(self) -> Option<f64> {
        match self {
            Unit::Day => Some(1.0),
            Unit::Week => Some(7.0),
            Unit::Month => Some(30.0),
            Unit::Year => Some(365.0),
            Unit::Hour => Some(1.0 / 24.0),
            Unit::Minute => Some(1.0 / 1440.0),
            _ => None,
        }
    }
}

/// A qualifier on an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// أكثر من، ما يزيد عن/على، يربو على.
    MoreThan,
    /// ما لا يقل عن، على الأقل.
    AtLeast,
    /// نحو، حوالي، قرابة، زهاء، ما يقارب، تقريباً.
    About,
    /// أقل من، ما يقل عن.
    LessThan,
    /// ما لا يزيد عن، لا يتجاوز.
    AtMost,
}

impl Qualifier {
    /// The output schema's spelling: `at_least` (more than / at least), `about`, `at_most`
    /// (less than / at most).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan | Qualifier::AtLeast => "at_least",
            Qualifier::About => "about",
            Qualifier::LessThan | Qualifier::AtMost => "at_most",
        }
    }
}

/// An amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMention {
    /// Byte range of the whole expression (qualifier, number, unit).
    pub span: Range<usize>,
    /// Byte range of the number itself (digits or number words, or the dual noun).
    pub number: Range<usize>,
    /// The value.
    pub value: f64,
    /// The unit, when one is written next to the number.
    pub unit: Option<Unit>,
    /// Byte range of the unit word, when there is one.
    pub unit_span: Option<Range<usize>>,
    /// The qualifier, when there is one.
    pub qualifier: Option<Qualifier>,
    /// A vague amount (عشرات = 12, مئات = 100, عدة = 3, ...).
    pub vague: bool,
}

/// Parses a number written in digits of any script (normalized or not) with `,` `.` ٫ ٬
/// separators (see the module docs). Returns `None` for anything else.
///
/// ```
/// use marsad_text::parse_number;
/// assert_eq!(parse_number("12,000"), Some(12000.0));
/// assert_eq!(parse_number("٣٫٥"), Some(3.5));
/// assert_eq!(parse_number("1.250.000"), Some(1250000.0));
/// assert_eq!(parse_number("عشرة"), None);
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let mut digits = String::with_capacity(s.len());
    // (position in `digits`, separator) for every separator.
    let mut seps: Vec<(usize, char)> = Vec::new();
    for c in s.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '\u{0660}'..='\u{0669}' => digits.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
            '\u{06F0}'..='\u{06F9}' => digits.push(char::from(b'0' + (c as u32 - 0x6F0) as u8)),
            '.' | '\u{066B}' => seps.push((digits.len(), '.')),
            ',' | '\u{066C}' => seps.push((digits.len(), ',')),
            _ => return None,
        }
    }
    if digits.is_empty() || digits.len() > 30 {
        return None;
    }
    if seps.iter().any(|&(p, _)| p == 0 || p == digits.len()) {
        return None;
    }
    let groups_of_three = |sel: &dyn Fn(char) -> bool| -> bool {
        let pos: Vec<usize> = seps
            .iter()
            .filter(|(_, c)| sel(*c))
            .map(|(p, _)| *p)
            .collect();
        let mut ends = pos.clone();
        ends.push(digits.len());
        ends.windows(2).all(|w| w[1] - w[0] == 3) && pos.first().is_some_and(|&p| p <= 3)
    };
    let decimal_at: Option<usize> = match seps.as_slice() {
        [] => None,
        // A single comma followed by exactly three digits groups thousands; otherwise it is
        // a decimal comma.
        [(p, ',')] => (digits.len() - p != 3).then_some(*p),
        [(p, '.')] => Some(*p),
        _ => {
            let all_same = seps.iter().all(|s| s.1 == seps[0].1);
            if all_same {
                if !groups_of_three(&|_| true) {
                    return None;
                }
                None
            } else {
                // Mixed: the last separator is the decimal point, the others group thousands.
                let (last_p, last_c) = seps[seps.len() - 1];
                if seps[..seps.len() - 1].iter().any(|s| s.1 == last_c) {
                    return None;
                }
                Some(last_p)
            }
        }
    };
    let text = match decimal_at {
        Some(p) => format!("{}.{}", &digits[..p], &digits[p..]),
        None => digits,
    };
    text.parse::<f64>().ok()
}

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum W {
    /// An additive value: 1-10, tens, hundreds (ثلاثمئة), مئتين.
    Val(f64),
    /// واحد/واحدة: 1, only after a counted noun.
    One,
    /// The first word of a teen needing عشر/عشرة after it (أحد، اثنا, or a unit 3-9).
    TeenHead(f64),
    /// عشر / عشرة: 10, or completes a teen.
    Ten,
    /// مئة / مائة: multiplies a preceding unit (ثلاث مئة) or is 100.
    Hundred,
    /// ألف / مليون / مليار: a scale.
    Scale(f64),
    /// ألفين / مليونين: twice a scale.
    DualScale(f64),
    /// آلاف / ملايين / مليارات: a scale after 3-10, vague alone.
    PluralScale(f64),
    /// نصف / ربع before a scale.
    Fraction(f64),
    /// عشرات / مئات / عدة / بضعة: vague, with the ACLED value.
    Vague(f64),
}

struct Tables {
    words: HashMap<String, W>,
    units: HashMap<String, Unit>,
    singulars: HashMap<String, Unit>,
    duals: HashMap<String, Unit>,
    qualifiers: Vec<(Vec<String>, Qualifier)>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build_tables)
}

fn build_tables() -> Tables {
    let mut words = HashMap::default();
    let mut add = |forms: &[&str], w: W| {
        for f in forms {
            words.insert(normalize_word(f), w);
        }
    };
    add(&["واحد", "واحدة", "واحداً"], W::One);
    add(
        &["اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "إثنان"],
        W::Val(2.0),
    );
    add(&["أحد", "إحدى"], W::TeenHead(1.0));
    add(&["اثنا", "اثني", "اثنتا", "اثنتي"], W::TeenHead(2.0));
    let units = [
        (3.0, ["ثلاث", "ثلاثة"]),
        (4.0, ["أربع", "أربعة"]),
        (5.0, ["خمس", "خمسة"]),
        (6.0, ["ست", "ستة"]),
        (7.0, ["سبع", "سبعة"]),
        (8.0, ["ثماني", "ثمانية"]),
        (9.0, ["تسع", "تسعة"]),
    ];
    for (v, forms) in units {
        add(&forms, W::Val(v));
    }
    add(&["ثمان"], W::Val(8.0));
    add(&["عشر", "عشرة"], W::Ten);
    let tens = [
        (20.0, ["عشرون", "عشرين"]),
        (30.0, ["ثلاثون", "ثلاثين"]),
        (40.0, ["أربعون", "أربعين"]),
        (50.0, ["خمسون", "خمسين"]),
        (60.0, ["ستون", "ستين"]),
        (70.0, ["سبعون", "سبعين"]),
        (80.0, ["ثمانون", "ثمانين"]),
        (90.0, ["تسعون", "تسعين"]),
    ];
    for (v, forms) in tens {
        add(&forms, W::Val(v));
    }
    add(&["مئة", "مائة", "مية"], W::Hundred);
    add(
        &[
            "مئتان",
            "مئتين",
            "مائتان",
            "مائتين",
            "مئتا",
            "مائتا",
            "مئتي",
            "مائتي",
        ],
        W::Val(200.0),
    );
    for (v, stem) in [
        (3.0, "ثلاث"),
        (4.0, "أربع"),
        (5.0, "خمس"),
        (6.0, "ست"),
        (7.0, "سبع"),
        (8.0, "ثمان"),
        (9.0, "تسع"),
    ] {
        add(
            &[&format!("{stem}مئة"), &format!("{stem}مائة")],
            W::Val(v * 100.0),
        );
    }
    add(&["ألف", "ألفاً", "الف"], W::Scale(1e3));
    add(&["ألفان", "ألفين", "ألفي"], W::DualScale(2e3));
    add(&["آلاف", "ألوف", "الآلاف"], W::PluralScale(1e3));
    add(&["مليون", "مليوناً"], W::Scale(1e6));
    add(&["مليونان", "مليونين", "مليوني"], W::DualScale(2e6));
    add(&["ملايين", "الملايين"], W::PluralScale(1e6));
    add(&["مليار", "ملياراً"], W::Scale(1e9));
    add(&["ملياران", "مليارين"], W::DualScale(2e9));
    add(&["مليارات"], W::PluralScale(1e9));
    add(&["نصف"], W::Fraction(0.5));
    add(&["ربع"], W::Fraction(0.25));
    add(&["عشرات"], W::Vague(12.0));
    add(&["مئات", "مئآت"], W::Vague(100.0));
    add(&["عدة", "بضعة", "بضع"], W::Vague(3.0));
    // Feminine accusative forms: "ستاً من ثماني غارات".
    for (v, f) in [
        (3.0, "ثلاثاً"),
        (4.0, "أربعاً"),
        (5.0, "خمساً"),
        (6.0, "ستاً"),
        (7.0, "سبعاً"),
        (9.0, "تسعاً"),
        (10.0, "عشراً"),
    ] {
        add(&[f], W::Val(v));
    }

    let mut units = HashMap::default();
    let mut duals = HashMap::default();
    let unit_table: &[(Unit, &[&str], &[&str])] = &[
        (
            Unit::Ton,
            &["طن", "طناً", "أطنان", "الأطنان"],
            &["طنين", "طنان"],
        ),
        (
            Unit::Kilogram,
            &["كغ", "كلغ", "كيلوغرام", "كيلوغراماً", "كيلو", "كيلوغرامات"],
            &[],
        ),
        (
            Unit::Day,
            &["يوم", "يوماً", "أيام", "الأيام"],
            &["يومين", "يومان"],
        ),
        (
            Unit::Week,
            &["أسبوع", "أسبوعاً", "أسابيع"],
            &["أسبوعين", "أسبوعان"],
        ),
        (
            Unit::Month,
            &["شهر", "شهراً", "أشهر", "شهور"],
            &["شهرين", "شهران"],
        ),
        (
            Unit::Year,
            &["عام", "عاماً", "أعوام", "سنة", "سنوات", "سنين"],
            &["عامين", "عامان", "سنتين", "سنتان"],
        ),
        (Unit::Hour, &["ساعة", "ساعات"], &["ساعتين", "ساعتان"]),
        (Unit::Minute, &["دقيقة", "دقائق"], &["دقيقتين", "دقيقتان"]),
        (
            Unit::Person,
            &[
                "شخص",
                "شخصاً",
                "أشخاص",
                "الأشخاص",
                "نسمة",
                "فرد",
                "أفراد",
                "آخرين",
                "آخرون",
                "أخرون",
                "أخرين",
            ],
            &["شخصين", "شخصان", "آخران"],
        ),
        (
            Unit::Civilian,
            &[
                "مدني",
                "مدنياً",
                "مدنين",
                "مدنيين",
                "مدنيون",
                "المدنيين",
                "مواطن",
                "مواطناً",
                "مواطنين",
                "مواطنون",
                "المواطنين",
            ],
            &["مدنيان"],
        ),
        (
            Unit::Killed,
            &[
                "قتيل",
                "قتيلاً",
                "قتلى",
                "القتلى",
                "شهيد",
                "شهيداً",
                "شهداء",
                "الشهداء",
            ],
            &["قتيلين", "قتيلان", "شهيدين", "شهيدان"],
        ),
        (
            Unit::Injured,
            &[
                "جريح",
                "جريحاً",
                "جرحى",
                "الجرحى",
                "مصاب",
                "مصاباً",
                "مصابين",
                "المصابين",
                "إصابة",
                "إصابات",
            ],
            &["جريحين", "جريحان", "مصابين"],
        ),
        (
            Unit::Child,
            &["طفل", "طفلاً", "أطفال", "الأطفال"],
            &["طفلين", "طفلان"],
        ),
        (
            Unit::Woman,
            &["امرأة", "نساء", "النساء", "سيدات"],
            &["امرأتين", "امرأتان"],
        ),
        (
            Unit::Fighter,
            &[
                "مقاتل",
                "مقاتلاً",
                "مقاتلين",
                "مقاتلون",
                "المقاتلين",
                "مسلح",
                "مسلحاً",
                "مسلحين",
                "المسلحين",
            ],
            &[],
        ),
        (
            Unit::Member,
            &["عنصر", "عنصراً", "عناصر", "العناصر"],
            &["عنصرين", "عنصران"],
        ),
        (
            Unit::Detainee,
            &[
                "معتقل",
                "معتقلاً",
                "معتقلين",
                "المعتقلين",
                "أسير",
                "أسرى",
                "الأسرى",
            ],
            &["أسيرين"],
        ),
        (
            Unit::Displaced,
            &["نازح", "نازحاً", "نازحين", "النازحين", "مهجر", "مهجرين"],
            &[],
        ),
        (
            Unit::Family,
            &["عائلة", "عائلات", "العائلات", "أسرة", "أسر", "الأسر"],
            &["عائلتين", "عائلتان", "أسرتين"],
        ),
        (
            Unit::Strike,
            &["ضربة", "ضربات", "الضربات"],
            &["ضربتين", "ضربتان"],
        ),
        (
            Unit::Soldier,
            &["جندي", "جندياً", "جنود", "الجنود"],
            &["جنديين", "جنديان"],
        ),
        (
            Unit::Refugee,
            &["لاجئ", "لاجئاً", "لاجئين", "اللاجئين", "لاجئون"],
            &[],
        ),
        (Unit::Victim, &["ضحية", "ضحايا", "الضحايا"], &["ضحيتين"]),
        (
            Unit::Centre,
            &["مركز", "مركزاً", "مراكز"],
            &["مركزين", "مركزان"],
        ),
        (
            Unit::Hospital,
            &["مستشفى", "مستشفيات", "المستشفيات", "مشفى", "مشافي"],
            &["مستشفيين", "مشفيين"],
        ),
        (
            Unit::Report,
            &["بلاغ", "بلاغاً", "بلاغات", "تقرير", "تقارير"],
            &["بلاغين"],
        ),
        (Unit::Batch, &["دفعة", "دفعات"], &["دفعتين"]),
        (
            Unit::Shipment,
            &["شحنة", "شحنات", "الشحنات"],
            &["شحنتين", "شحنتان"],
        ),
        (
            Unit::Bus,
            &["حافلة", "حافلات", "الحافلات", "باص", "باصات"],
            &["حافلتين", "حافلتان"],
        ),
        (
            Unit::Truck,
            &[
                "شاحنة",
                "شاحنات",
                "الشاحنات",
                "صهريج",
                "صهريجاً",
                "صهريجا",
                "صهاريج",
                "الصهاريج",
            ],
            &["شاحنتين", "شاحنتان", "صهريجين", "صهريجان"],
        ),
        (
            Unit::Vehicle,
            &[
                "سيارة",
                "سيارات",
                "السيارات",
                "آلية",
                "آليات",
                "الآليات",
                "مركبة",
                "مركبات",
            ],
            &["سيارتين", "آليتين"],
        ),
        (
            Unit::Barrel,
            &["برميل", "برميلاً", "براميل", "البراميل"],
            &["برميلين"],
        ),
        (
            Unit::Airstrike,
            &["غارة", "غارات", "الغارات"],
            &["غارتين", "غارتان"],
        ),
        (
            Unit::Missile,
            &["صاروخ", "صاروخاً", "صواريخ", "الصواريخ"],
            &["صاروخين"],
        ),
        (Unit::Shell, &["قذيفة", "قذائف", "القذائف"], &["قذيفتين"]),
        (
            Unit::Village,
            &["قرية", "قرى", "القرى", "بلدة", "بلدات"],
            &["قريتين", "بلدتين"],
        ),
        (
            Unit::Kilometer,
            &["كم", "كلم", "كيلومتر", "كيلومتراً", "كيلومترات"],
            &["كيلومترين"],
        ),
        (Unit::Meter, &["متر", "متراً", "أمتار"], &["مترين"]),
        (Unit::Percent, &["%", "٪", "بالمئة", "بالمائة"], &[]),
        (Unit::Dollar, &["دولار", "دولاراً", "دولارات"], &[]),
        (Unit::Lira, &["ليرة", "ليرات"], &[]),
    ];
    let mut singulars = HashMap::default();
    for (u, forms, dual_forms) in unit_table {
        for (k, f) in forms.iter().enumerate() {
            units.insert(normalize_word(f), *u);
            // The first form is the singular, the second often its accusative (شخصاً).
            if *u != Unit::Percent && (k == 0 || (k == 1 && f.ends_with("اً"))) {
                singulars.insert(normalize_word(f), *u);
            }
        }
        for f in *dual_forms {
            duals.insert(normalize_word(f), *u);
        }
    }
    // مصابين is plural far more often than dual.
    duals.remove(&normalize_word("مصابين"));

    let q = |s: &str| -> Vec<String> { s.split(' ').map(normalize_word).collect() };
    let qualifiers = vec![
        (q("ما لا يقل عن"), Qualifier::AtLeast),
        (q("ما لا يقل على"), Qualifier::AtLeast),
        (q("لا يقل عن"), Qualifier::AtLeast),
        (q("ما لا يزيد عن"), Qualifier::AtMost),
        (q("ما لا يزيد على"), Qualifier::AtMost),
        (q("لا يزيد عن"), Qualifier::AtMost),
        (q("لا يتجاوز"), Qualifier::AtMost),
        (q("ما يزيد عن"), Qualifier::MoreThan),
        (q("ما يزيد على"), Qualifier::MoreThan),
        (q("ما يربو على"), Qualifier::MoreThan),
        (q("يزيد عن"), Qualifier::MoreThan),
        (q("يزيد على"), Qualifier::MoreThan),
        (q("أكثر من"), Qualifier::MoreThan),
        (q("ما يقل عن"), Qualifier::LessThan),
        (q("أقل من"), Qualifier::LessThan),
        (q("ما يقارب"), Qualifier::About),
        (q("ما يقرب من"), Qualifier::About),
        (q("يقارب"), Qualifier::About),
        (q("نحو"), Qualifier::About),
        (q("حوالي"), Qualifier::About),
        (q("حوالى"), Qualifier::About),
        (q("قرابة"), Qualifier::About),
        (q("زهاء"), Qualifier::About),
    ];
    Tables {
        words,
        units,
        singulars,
        duals,
        qualifiers,
    }
}

/// Single-letter proclitics allowed on a number word or qualifier (وثلاثة، بنحو، لأكثر).
fn strip_clitic(w: &str) -> Option<&str> {
    let rest = w
        .strip_prefix('\u{0648}')
        .or_else(|| w.strip_prefix('\u{0641}'))
        .or_else(|| w.strip_prefix('\u{0628}'))
        .or_else(|| w.strip_prefix('\u{0644}'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

fn word(norm: &str) -> Option<W> {
    tables().words.get(norm).copied()
}

/// A number word, possibly after a one-letter clitic.
fn word_clitic(norm: &str) -> Option<W> {
    word(norm).or_else(|| strip_clitic(norm).and_then(word))
}

fn is_tens(v: f64) -> bool {
    (20.0..100.0).contains(&v) && v % 10.0 == 0.0
}

/// The grammatical number of a unit word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrammaticalNumber {
    /// شخص، طناً: one (when no number goes with it).
    Singular,
    /// شخصين، قتيلان: two.
    Dual,
    /// أشخاص، قتلى: more than two (or counted by a number).
    Plural,
}

/// Looks up a normalized word in the unit lexicon: its unit and grammatical number.
/// Extractors use it to read a bare singular ("مقتل شخص" = 1 killed) or dual as a count;
/// [`find_quantities`] itself reports duals only, since a bare singular is usually not an
/// amount.
///
/// ```
/// use marsad_text::{normalize_word, unit_of_word, GrammaticalNumber, Unit};
/// assert_eq!(unit_of_word(&normalize_word("طفل")), Some((Unit::Child, GrammaticalNumber::Singular)));
/// assert_eq!(unit_of_word(&normalize_word("قتلى")), Some((Unit::Killed, GrammaticalNumber::Plural)));
/// assert_eq!(unit_of_word(&normalize_word("جريحين")), Some((Unit::Injured, GrammaticalNumber::Dual)));
/// ```
pub fn unit_of_word(norm: &str) -> Option<(Unit, GrammaticalNumber)> {
    let t = tables();
    if let Some(u) = t.duals.get(norm) {
        return Some((*u, GrammaticalNumber::Dual));
    }
    if let Some(u) = t.singulars.get(norm) {
        return Some((*u, GrammaticalNumber::Singular));
    }
    t.units.get(norm).map(|u| (*u, GrammaticalNumber::Plural))
}

/// The unit named by a normalized word (any number form), if any.
pub(crate) fn unit_of(norm: &str) -> Option<Unit> {
    tables().units.get(norm).copied()
}

/// The unit of a normalized dual noun (يومين → day), if it is one.
pub(crate) fn dual_unit_of(norm: &str) -> Option<Unit> {
    tables().duals.get(norm).copied()
}

/// Whether a normalized word is a unit or a dual noun.
pub(crate) fn is_unit_word(norm: &str) -> bool {
    unit_of(norm).is_some() || dual_unit_of(norm).is_some()
}

/// "و358": a bare و touching a digit number at token `j`: (value, next token).
fn waw_digits(toks: &[Token], j: usize) -> Option<(f64, usize)> {
    let w = toks
        .get(j)
        .filter(|t| t.kind == TokenKind::Word && t.norm == "\u{0648}")?;
    let n = toks
        .get(j + 1)
        .filter(|t| t.kind == TokenKind::Number && t.span.start == w.span.end)?;
    Some((parse_number(&n.norm)?, j + 2))
}

/// A number parsed from tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParsedNumber {
    pub value: f64,
    pub end: usize,
    pub vague: bool,
    /// The number is واحد/واحدة (counts only after a noun).
    pub one: bool,
    /// A scale or fraction word was involved (not a bare year).
    pub scaled: bool,
}

/// Parses a number (digits or words) starting at token `i`.
pub(crate) fn parse_number_at(toks: &[Token], i: usize) -> Option<ParsedNumber> {
    let t = toks.get(i)?;
    if t.kind == TokenKind::Number {
        let v = parse_number(&t.norm).filter(|v| *v > 0.0)?;
        // An optional scale word: "3 آلاف", "2.5 مليون"; then "و358" (29 ألفاً و358).
        if let Some(n) = toks.get(i + 1).filter(|n| n.kind == TokenKind::Word) {
            let scale = match word(&n.norm) {
                Some(W::Scale(s) | W::PluralScale(s)) => Some(s),
                Some(W::Hundred) => Some(100.0),
                _ => None,
            };
            if let Some(s) = scale {
                let mut value = v * s;
                let mut end = i + 2;
                if let Some((k, next)) = waw_digits(toks, end).filter(|(k, _)| *k < s) {
                    value += k;
                    end = next;
                }
                return Some(ParsedNumber {
                    value,
                    end,
                    vague: false,
                    one: false,
                    scaled: true,
                });
            }
        }
        return Some(ParsedNumber {
            value: v,
            end: i + 1,
            vague: false,
            one: false,
            scaled: false,
        });
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    let first = word_clitic(&t.norm)?;
    let next_word = |j: usize| {
        toks.get(j)
            .filter(|n| n.kind == TokenKind::Word)
            .and_then(|n| word(&n.norm))
    };
    match first {
        W::Vague(v) => {
            // عشرات الآلاف, مئات الآلاف
            if let Some(W::PluralScale(s)) = next_word(i + 1) {
                let base = if v == 12.0 { 10.0 } else { v };
                return Some(ParsedNumber {
                    value: base * s,
                    end: i + 2,
                    vague: true,
                    one: false,
                    scaled: true,
                });
            }
            return Some(ParsedNumber {
                value: v,
                end: i + 1,
                vague: true,
                one: false,
                scaled: false,
            });
        }
        W::PluralScale(s) => {
            return Some(ParsedNumber {
                value: s,
                end: i + 1,
                vague: true,
                one: false,
                scaled: true,
            });
        }
        W::Fraction(f) => {
            return match next_word(i + 1) {
                Some(W::Scale(s)) => Some(ParsedNumber {
                    value: f * s,
                    end: i + 2,
                    vague: false,
                    one: false,
                    scaled: true,
                }),
                _ => None,
            };
        }
        W::One => {
            return Some(ParsedNumber {
                value: 1.0,
                end: i + 1,
                vague: false,
                one: true,
                scaled: false,
            });
        }
        _ => {}
    }
    // Compound numbers.
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut last = f64::INFINITY; // the last additive component
    let mut scaled = false;
    let mut j = i;
    let mut first_tok = true;
    while let Some(tok) = toks.get(j).filter(|n| n.kind == TokenKind::Word) {
        // "ستة آلاف و259": و + digits.
        if !first_tok {
            if let Some((k, next)) = waw_digits(toks, j).filter(|(k, _)| *k < last) {
                cur += k;
                last = k;
                j = next;
                continue;
            }
        }
        // Continuations are either a bare multiplier word or و + an additive word.
        let (w, with_waw) = if first_tok {
            (first, false)
        } else if let Some(w) = word(&tok.norm) {
            (w, false)
        } else if let Some(w) = tok.norm.strip_prefix('\u{0648}').and_then(word) {
            (w, true)
        } else {
            break;
        };
        let additive_ok =
            |n: f64| first_tok || (with_waw && (n < last || (last < 10.0 && is_tens(n))));
        match w {
            W::Val(n) => {
                // A unit 3-9 may head a teen: ثلاثة عشر.
                if (3.0..10.0).contains(&n) && !with_waw {
                    if let Some(W::Ten) = next_word(j + 1) {
                        if !additive_ok(n + 10.0) && !first_tok {
                            break;
                        }
                        cur += n + 10.0;
                        last = n + 10.0;
                        j += 2;
                        first_tok = false;
                        continue;
                    }
                }
                if !additive_ok(n) {
                    break;
                }
                cur += n;
                last = n;
            }
            W::TeenHead(n) => {
                if !(first_tok || with_waw) {
                    break;
                }
                if let Some(W::Ten) = next_word(j + 1) {
                    if !additive_ok(n + 10.0) {
                        break;
                    }
                    cur += n + 10.0;
                    last = n + 10.0;
                    j += 2;
                    first_tok = false;
                    continue;
                }
                break;
            }
            W::Ten => {
                if !additive_ok(10.0) {
                    break;
                }
                cur += 10.0;
                last = 10.0;
            }
            W::Hundred => {
                if !with_waw && !first_tok && (1.0..10.0).contains(&cur) {
                    cur *= 100.0;
                    last = cur;
                } else if additive_ok(100.0) {
                    cur += 100.0;
                    last = 100.0;
                } else {
                    break;
                }
            }
            W::Scale(s) => {
                if with_waw {
                    if !additive_ok(s) {
                        break;
                    }
                    total += s;
                    last = s;
                } else {
                    total += cur.max(1.0) * s;
                    cur = 0.0;
                    last = s;
                }
                scaled = true;
            }
            W::PluralScale(s) => {
                if with_waw || !(3.0..=10.0).contains(&cur) {
                    break;
                }
                total += cur * s;
                cur = 0.0;
                last = s;
                scaled = true;
            }
            W::DualScale(v) => {
                if !(first_tok || (with_waw && v < last)) {
                    break;
                }
                total += v;
                last = v / 2.0;
                scaled = true;
            }
            W::One | W::Fraction(_) | W::Vague(_) => break,
        }
        first_tok = false;
        j += 1;
    }
    let value = total + cur;
    if j == i || value <= 0.0 {
        return None;
    }
    Some(ParsedNumber {
        value,
        end: j,
        vague: false,
        one: false,
        scaled,
    })
}

/// The unit at token `j`, if any: (unit, tokens consumed).
fn unit_at(text: &str, toks: &[Token], j: usize, allow_article: bool) -> Option<(Unit, usize)> {
    let t = toks.get(j)?;
    let units = &tables().units;
    if t.kind == TokenKind::Punct || t.kind == TokenKind::Other {
        return (matches!(&text[t.span.clone()], "%" | "٪")).then_some((Unit::Percent, 1));
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some(u) = units.get(&t.norm) {
        return Some((*u, 1));
    }
    if allow_article {
        if let Some(u) = t
            .norm
            .strip_prefix("\u{0627}\u{0644}")
            .and_then(|r| units.get(r))
        {
            return Some((*u, 1));
        }
    }
    // في المئة / في المائة
    if t.norm == "\u{0641}\u{064A}" {
        let n = toks.get(j + 1)?;
        if n.norm == normalize_word("المئة") || n.norm == normalize_word("المائة") {
            return Some((Unit::Percent, 2));
        }
    }
    // "ثلاثة من المدنيين"
    if t.norm == "\u{0645}\u{0646}" {
        let n = toks.get(j + 1).filter(|n| n.kind == TokenKind::Word)?;
        let u = units.get(&n.norm).or_else(|| {
            n.norm
                .strip_prefix("\u{0627}\u{0644}")
                .and_then(|r| units.get(r))
        })?;
        if u.is_person() || matches!(u, Unit::Family) {
            return Some((*u, 2));
        }
    }
    None
}

/// The qualifier ending right before token `i`: (qualifier, first token).
fn qualifier_before(toks: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    for (pat, q) in &tables().qualifiers {
        let n = pat.len();
        if n > i {
            continue;
        }
        let s = i - n;
        let ok = pat.iter().enumerate().all(|(k, w)| {
            let t = &toks[s + k];
            t.kind == TokenKind::Word
                && (t.norm == *w || (k == 0 && strip_clitic(&t.norm) == Some(w.as_str())))
        });
        if ok {
            return Some((*q, s));
        }
    }
    None
}

/// A qualifier right after token `j` (تقريباً، على الأقل): (qualifier, tokens).
fn qualifier_after(toks: &[Token], j: usize) -> Option<(Qualifier, usize)> {
    let t = toks.get(j).filter(|t| t.kind == TokenKind::Word)?;
    if t.norm == normalize_word("تقريباً") {
        return Some((Qualifier::About, 1));
    }
    if t.norm == normalize_word("على")
        && toks
            .get(j + 1)
            .is_some_and(|n| n.norm == normalize_word("الأقل"))
    {
        return Some((Qualifier::AtLeast, 2));
    }
    None
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Finds the quantities in `text` (see the module docs). Spans are byte ranges into `text`,
/// in order and non-overlapping. Numbers inside date expressions are excluded.
///
/// ```
/// use marsad_text::{find_quantities, Qualifier, Unit};
/// let q = find_quantities("بعد أكثر من عشرين يوماً وصل 40 طناً");
/// assert_eq!((q[0].value, q[0].unit, q[0].qualifier), (20.0, Some(Unit::Day), Some(Qualifier::MoreThan)));
/// assert_eq!((q[1].value, q[1].unit), (40.0, Some(Unit::Ton)));
/// ```
pub fn find_quantities(text: &str) -> Vec<QuantityMention> {
    let toks = tokenize(text);
    // "منذ 20 يوماً" is both a date and a duration: keep its amount.
    let times: Vec<Range<usize>> = find_times_in(text, &toks, None)
        .into_iter()
        .filter(|t| !t.since)
        .map(|t| t.span)
        .collect();
    find_quantities_in(text, &toks, &times)
}

/// [`find_quantities`] on tokens already computed with [`tokenize`] for `text`, skipping
/// numbers that overlap any of the `exclude` byte ranges (typically the spans of
/// [`crate::find_times`]).
pub fn find_quantities_in(
    text: &str,
    toks: &[Token],
    exclude: &[Range<usize>],
) -> Vec<QuantityMention> {
    let t = tables();
    // Exclusions sorted by start, walked with a cursor (tokens come in order).
    let mut ex: Vec<Range<usize>> = exclude.iter().filter(|r| !r.is_empty()).cloned().collect();
    ex.sort_by_key(|r| r.start);
    let mut ex_at = 0;
    let excluded = |r: &Range<usize>, ex_at: &mut usize| -> bool {
        // Ranges come with non-decreasing starts, so an exclusion ending before this one
        // starts can never overlap a later one.
        while *ex_at < ex.len() && ex[*ex_at].end <= r.start {
            *ex_at += 1;
        }
        ex[*ex_at..]
            .iter()
            .take_while(|e| e.start < r.end)
            .any(|e| overlaps(e, r))
    };
    let mut out: Vec<QuantityMention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        if !matches!(tok.kind, TokenKind::Number | TokenKind::Word) {
            i += 1;
            continue;
        }
        if excluded(&tok.span, &mut ex_at) {
            i += 1;
            continue;
        }
        // Dual nouns: قتيلين = 2.
        if tok.kind == TokenKind::Word {
            if let Some(&u) = t.duals.get(&tok.norm) {
                let mut end_tok = i + 1;
                // "قتيلين اثنين"
                if toks
                    .get(i + 1)
                    .is_some_and(|n| word(&n.norm) == Some(W::Val(2.0)))
                {
                    end_tok = i + 2;
                }
                let (qualifier, start_tok) = match qualifier_before(toks, i) {
                    Some((q, s)) => (Some(q), s),
                    None => (None, i),
                };
                out.push(QuantityMention {
                    span: toks[start_tok].span.start..toks[end_tok - 1].span.end,
                    number: tok.span.clone(),
                    value: 2.0,
                    unit: Some(u),
                    unit_span: Some(tok.span.clone()),
                    qualifier,
                    vague: false,
                });
                i = end_tok;
                continue;
            }
        }
        let Some(p) = parse_number_at(toks, i) else {
            i += 1;
            continue;
        };
        let number = tok.span.start..toks[p.end - 1].span.end;
        if excluded(&number, &mut ex_at) {
            i += 1;
            continue;
        }
        // Unit before: "شخص واحد".
        let mut unit_before: Option<(Unit, usize)> = None;
        if p.one || p.value == 2.0 {
            if let Some(prev) = i.checked_sub(1) {
                if let Some(&u) = t.units.get(&toks[prev].norm) {
                    unit_before = Some((u, prev));
                }
            }
            if p.one && unit_before.is_none() {
                i = p.end;
                continue;
            }
        }
        let mut end_tok = p.end;
        let mut unit = None;
        let mut unit_span = None;
        if let Some((u, prev)) = unit_before {
            unit = Some(u);
            unit_span = Some(toks[prev].span.clone());
        } else if let Some((u, n)) = unit_at(text, toks, p.end, p.vague) {
            unit = Some(u);
            let last = &toks[p.end + n - 1];
            unit_span = Some(if u == Unit::Percent {
                toks[p.end].span.start..last.span.end
            } else {
                last.span.clone()
            });
            end_tok = p.end + n;
        }
        let lead = unit_before.map_or(i, |(_, prev)| prev);
        let (mut qualifier, mut start_tok) = match qualifier_before(toks, lead) {
            Some((q, s)) => (Some(q), s),
            None => (None, lead),
        };
        if qualifier.is_none() {
            if let Some((q, n)) = qualifier_after(toks, end_tok) {
                qualifier = Some(q);
                end_tok += n;
            }
        }
        // A bare year: 2018 with no unit, scale or qualifier.
        if tok.kind == TokenKind::Number
            && unit.is_none()
            && qualifier.is_none()
            && !p.scaled
            && tok.norm.len() == 4
            && (1900.0..=2100.0).contains(&p.value)
            && tok.norm.bytes().all(|b| b.is_ascii_digit())
        {
            i = p.end;
            continue;
        }
        // Never overlap the previous mention.
        if let Some(prev) = out.last() {
            if toks[start_tok].span.start < prev.span.end {
                start_tok = i;
                qualifier = None;
            }
        }
        // A one-letter clitic on the first word (وأربعة، بنحو، لأكثر) is not part of it.
        let mut number = number;
        if tok.kind == TokenKind::Word && word(&tok.norm).is_none() {
            number.start = after_first_letter(text, number.start);
        }
        let first = &toks[start_tok];
        let start = if start_tok == i {
            number.start
        } else if qualifier.is_some()
            && start_tok < lead
            && !t.qualifiers.iter().any(|(pat, _)| pat[0] == first.norm)
        {
            after_first_letter(text, first.span.start)
        } else {
            first.span.start
        };
        out.push(QuantityMention {
            span: start..toks[end_tok - 1].span.end,
            number,
            value: p.value,
            unit,
            unit_span,
            qualifier,
            vague: p.vague,
        });
        i = end_tok.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text of span, value, unit, qualifier, vague).
    type Row<'a> = (&'a str, f64, Option<Unit>, Option<Qualifier>, bool);

    /// Every quantity of `s` as a [`Row`].
    fn q(s: &str) -> Vec<Row<'_>> {
        find_quantities(s)
            .into_iter()
            .map(|m| (&s[m.span], m.value, m.unit, m.qualifier, m.vague))
            .collect()
    }

    /// The single quantity's value.
    fn v(s: &str) -> f64 {
        let all = find_quantities(s);
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all[0].value
    }

    fn unit(s: &str) -> Option<Unit> {
        let all = find_quantities(s);
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all[0].unit
    }

    #[test]
    fn digits_in_three_scripts_with_separators() {
        assert_eq!(v("وصل 46 شخصاً"), 46.0);
        assert_eq!(v("وصل ٤٦ شخصاً"), 46.0);
        assert_eq!(v("وصل ۴۶ شخصاً"), 46.0);
        assert_eq!(v("قتل 12,000 شخص"), 12000.0);
        assert_eq!(v("قتل ١٢٬٠٠٠ شخص"), 12000.0);
        assert_eq!(v("وصل ٣٫٥ طن"), 3.5);
        assert_eq!(v("وصل 3.5 طن"), 3.5);
        assert_eq!(v("بلغ 1.250.000 دولار"), 1_250_000.0);
        assert_eq!(v("بلغ 1,250.5 دولار"), 1250.5);
    }

    #[test]
    fn parse_number_rejects_junk() {
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("12a"), None);
        assert_eq!(parse_number("3,5"), Some(3.5));
        assert_eq!(parse_number("١٢٣"), Some(123.0));
        assert_eq!(parse_number("۱۲۳"), Some(123.0));
    }

    #[test]
    fn number_words_one_to_ten_with_case_endings() {
        assert_eq!(v("قتل شخص واحد"), 1.0);
        assert_eq!(v("قتلت امرأة واحدة"), 1.0);
        assert!(find_quantities("في آن واحد").is_empty()); // واحد alone is not counted
        assert_eq!(v("قتل اثنان"), 2.0);
        assert_eq!(v("قتل اثنين"), 2.0);
        for (w, n) in [
            ("ثلاثة", 3.0),
            ("ثلاث", 3.0),
            ("أربعة", 4.0),
            ("أربع", 4.0),
            ("خمسة", 5.0),
            ("ستة", 6.0),
            ("سبعة", 7.0),
            ("سبع", 7.0),
            ("ثمانية", 8.0),
            ("ثماني", 8.0),
            ("تسعة", 9.0),
            ("عشرة", 10.0),
        ] {
            assert_eq!(v(&format!("قتل {w} أشخاص")), n, "{w}");
        }
    }

    #[test]
    fn teens() {
        assert_eq!(v("قتل أحد عشر شخصاً"), 11.0);
        assert_eq!(v("قتلت إحدى عشرة امرأة"), 11.0);
        assert_eq!(v("قتل اثنا عشر شخصاً"), 12.0);
        assert_eq!(v("قتل اثني عشر شخصاً"), 12.0);
        assert_eq!(v("قتل ثلاثة عشر شخصاً"), 13.0);
        assert_eq!(v("قتلت ثلاث عشرة امرأة"), 13.0);
        assert_eq!(v("قتل تسعة عشر شخصاً"), 19.0);
        assert!(find_quantities("قال أحد السكان").is_empty()); // أحد alone is not a number
    }

    #[test]
    fn tens_with_case_endings_and_compounds() {
        for (w, n) in [
            ("عشرون", 20.0),
            ("عشرين", 20.0),
            ("ثلاثين", 30.0),
            ("أربعون", 40.0),
            ("أربعين", 40.0),
            ("خمسين", 50.0),
            ("ستين", 60.0),
            ("سبعين", 70.0),
            ("ثمانين", 80.0),
            ("تسعون", 90.0),
            ("تسعين", 90.0),
        ] {
            assert_eq!(v(&format!("قتل {w} شخصاً")), n, "{w}");
        }
        assert_eq!(v("قتل خمسة وعشرين شخصاً"), 25.0);
        assert_eq!(v("قتل ثلاثة وأربعون شخصاً"), 43.0);
    }

    #[test]
    fn hundreds_thousands_millions() {
        assert_eq!(v("قتل مئة شخص"), 100.0);
        assert_eq!(v("قتل مائة شخص"), 100.0);
        assert_eq!(v("قتل مئتين"), 200.0);
        assert_eq!(v("قتل مئتا شخص"), 200.0);
        assert_eq!(v("قتل ثلاثمئة شخص"), 300.0);
        assert_eq!(v("قتل ثلاثمائة شخص"), 300.0);
        assert_eq!(v("قتل ثلاث مئة شخص"), 300.0);
        assert_eq!(v("قتل مئة وخمسون شخصاً"), 150.0);
        assert_eq!(v("قتل ألف شخص"), 1000.0);
        assert_eq!(v("قتل ألفين"), 2000.0);
        assert_eq!(v("قتل ثلاثة آلاف شخص"), 3000.0);
        assert_eq!(v("قتل ألف ومئتان وخمسون"), 1250.0);
        assert_eq!(v("قتل خمسة وعشرين ألف شخص"), 25000.0);
        assert_eq!(v("نزح مليون شخص"), 1e6);
        assert_eq!(v("نزح مليونين"), 2e6);
        assert_eq!(v("نزح ثلاثة ملايين شخص"), 3e6);
        assert_eq!(v("قتل نصف مليون شخص"), 5e5);
        assert_eq!(v("شن 29 ألفا و358 ضربة"), 29358.0);
        assert_eq!(v("قتل ستة آلاف و259 مدنيا"), 6259.0);
    }

    #[test]
    fn feminine_accusative_forms() {
        assert_eq!(q("إن ستاً من ثماني غارات جرت في سورية")[0].1, 6.0);
    }

    #[test]
    fn digits_with_scale_words() {
        assert_eq!(v("نزح 3 آلاف شخص"), 3000.0);
        assert_eq!(v("نزح 2.5 مليون شخص"), 2.5e6);
        assert_eq!(v("نزح ٢٫٥ مليون شخص"), 2.5e6);
        assert_eq!(v("نزح 40 ألف شخص"), 40000.0);
    }

    #[test]
    fn dual_nouns() {
        assert_eq!(
            q("سقط قتيلين"),
            vec![("قتيلين", 2.0, Some(Unit::Killed), None, false)]
        );
        assert_eq!(unit("أصيب جريحين"), Some(Unit::Injured));
        assert_eq!(unit("اعتقل شخصين"), Some(Unit::Person));
        assert_eq!(unit("وصل طنين"), Some(Unit::Ton));
        assert_eq!(unit("بعد يومين"), Some(Unit::Day));
        assert_eq!(v("قتل مدنيين اثنين"), 2.0);
        // plural/dual-ambiguous forms are plurals
        assert!(find_quantities("قتل مدنيين").is_empty());
        assert_eq!(q("قتل مدنيان وأصيب آخران")[0].2, Some(Unit::Civilian));
        assert_eq!(q("قتل مدنيان وأصيب آخران")[1].1, 2.0);
        assert_eq!(q("وأصيب جنديان بجروح")[0].2, Some(Unit::Soldier));
    }

    #[test]
    fn vague_amounts_as_acled() {
        assert_eq!(
            q("قتل عشرات المدنيين"),
            vec![("عشرات المدنيين", 12.0, Some(Unit::Civilian), None, true)]
        );
        assert_eq!(q("سقطت مئات القذائف")[0].1, 100.0);
        assert_eq!(q("نزح آلاف")[0..1], [("آلاف", 1000.0, None, None, true)]);
        assert_eq!(
            q("منذ عدة أيام")[0],
            ("عدة أيام", 3.0, Some(Unit::Day), None, true)
        );
        assert_eq!(q("بعد بضعة أيام")[0].1, 3.0);
        assert_eq!(q("نزح عشرات الآلاف")[0].1, 10000.0);
        assert_eq!(q("نزح مئات الآلاف")[0].1, 100000.0);
    }

    #[test]
    fn qualifiers() {
        use Qualifier::*;
        for (pre, qual) in [
            ("أكثر من", MoreThan),
            ("ما يزيد عن", MoreThan),
            ("ما يزيد على", MoreThan),
            ("نحو", About),
            ("حوالي", About),
            ("قرابة", About),
            ("زهاء", About),
            ("ما يقارب", About),
            ("ما لا يقل عن", AtLeast),
            ("أقل من", LessThan),
            ("ما لا يزيد عن", AtMost),
        ] {
            let s = format!("قتل {pre} 20 شخصاً");
            let got = q(&s);
            assert_eq!(got.len(), 1, "{s}");
            assert_eq!(got[0].0, format!("{pre} 20 شخصاً"));
            assert_eq!(got[0].3, Some(qual), "{pre}");
        }
        // with a clitic, the clitic stays outside the span
        assert_eq!(q("قصفت بنحو 160 قذيفة")[0].0, "نحو 160 قذيفة");
        assert_eq!(q("لأكثر من ثلاثة أسابيع")[0].0, "أكثر من ثلاثة أسابيع");
        // after the number
        assert_eq!(q("قتل 7 أشخاص على الأقل")[0].3, Some(AtLeast));
        assert_eq!(q("قتل 7 أشخاص تقريباً")[0].3, Some(About));
        assert_eq!(MoreThan.as_str(), "at_least");
        assert_eq!(About.as_str(), "about");
        assert_eq!(LessThan.as_str(), "at_most");
    }

    #[test]
    fn units() {
        use Unit::*;
        for (w, u) in [
            ("طن", Ton),
            ("طناً", Ton),
            ("أطنان", Ton),
            ("يوم", Day),
            ("يوماً", Day),
            ("أيام", Day),
            ("أسبوع", Week),
            ("أسابيع", Week),
            ("شهر", Month),
            ("أشهر", Month),
            ("ساعة", Hour),
            ("ساعات", Hour),
            ("شخص", Person),
            ("أشخاص", Person),
            ("مدني", Civilian),
            ("مدنيين", Civilian),
            ("قتيل", Killed),
            ("قتلى", Killed),
            ("جريح", Injured),
            ("جرحى", Injured),
            ("عائلة", Family),
            ("عائلات", Family),
            ("حافلة", Bus),
            ("حافلات", Bus),
            ("برميل", Barrel),
            ("براميل", Barrel),
            ("غارة", Airstrike),
            ("غارات", Airstrike),
            ("طفل", Child),
            ("أطفال", Child),
            ("مقاتل", Fighter),
            ("مقاتلين", Fighter),
            ("عنصر", Member),
            ("عناصر", Member),
            ("شاحنة", Truck),
            ("شاحنات", Truck),
            ("شحنات", Shipment),
            ("سيارة", Vehicle),
            ("صاروخ", Missile),
            ("صواريخ", Missile),
            ("قذيفة", Shell),
            ("قذائف", Shell),
            ("كم", Kilometer),
            ("كيلومتر", Kilometer),
        ] {
            assert_eq!(unit(&format!("رصد 15 {w}")), Some(u), "{w}");
        }
        assert_eq!(unit("نحو 95 في المئة"), Some(Percent));
        assert_eq!(unit("نحو 95%"), Some(Percent));
        assert_eq!(q("قتل ثلاثة من المدنيين")[0].0, "ثلاثة من المدنيين");
        assert_eq!(Killed.schema(), ("person", Some("killed")));
        assert_eq!(Ton.schema(), ("ton", None));
        assert_eq!(Week.days(), Some(7.0));
    }

    #[test]
    fn twenty_days_from_the_seed() {
        let s = "بعد أكثر من عشرين يوماً على حصارها، ووصل 40 طناً من الطحين بعد حصار دام 46 يوماً";
        let got = q(s);
        assert_eq!(
            got[0],
            (
                "أكثر من عشرين يوماً",
                20.0,
                Some(Unit::Day),
                Some(Qualifier::MoreThan),
                false
            )
        );
        assert_eq!(got[1], ("40 طناً", 40.0, Some(Unit::Ton), None, false));
        assert_eq!(got[2], ("46 يوماً", 46.0, Some(Unit::Day), None, false));
    }

    #[test]
    fn years_and_dates_are_not_quantities() {
        assert!(find_quantities("اندلعت الحرب عام 2011").is_empty());
        assert!(find_quantities("في 2018 تغير كل شيء").is_empty());
        assert!(find_quantities("في 15 نيسان 2018").is_empty());
        assert!(find_quantities("بتاريخ 12/3/2018").is_empty());
        assert!(find_quantities("قتل قبل ١٠ أيام").is_empty());
        assert_eq!(v("المستمرة منذ 20 يوماً"), 20.0);
        assert_eq!(v("أحصى 2000 غارة"), 2000.0);
    }

    #[test]
    fn find_quantities_in_uses_given_tokens_and_exclusions() {
        let s = "قتل 12 شخصاً في 15 نيسان";
        let toks = crate::tokenize(s);
        // nothing excluded: 15 is still not a quantity (no unit) but 12 is
        let all = find_quantities_in(s, &toks, &[]);
        assert_eq!(
            all.iter().map(|q| q.value).collect::<Vec<_>>(),
            [12.0, 15.0]
        );
        // excluding the first number's span drops it
        let start = s.find("12").unwrap();
        let excluded: Vec<Range<usize>> = std::iter::once(start..start + 2).collect();
        let kept = find_quantities_in(s, &toks, &excluded);
        assert_eq!(kept.iter().map(|q| q.value).collect::<Vec<_>>(), [15.0]);
    }

    #[test]
    fn clitic_on_number_word_is_outside_span() {
        let s = "أربعة قتلى وأربعة جرحى";
        let got = find_quantities(s);
        assert_eq!(&s[got[1].span.clone()], "أربعة جرحى");
        assert_eq!(&s[got[1].number.clone()], "أربعة");
        assert_eq!(&s[got[1].unit_span.clone().unwrap()], "جرحى");
    }
}
