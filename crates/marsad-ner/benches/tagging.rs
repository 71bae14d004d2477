//! Tagging speed of the bundled model (tokens/s on one core).

use marsad_ner::Tagger;

fn main() {
    divan::main();
}

const SENTENCES: &[&str] = &[
    "أعلن وزير الخارجية الروسي سيرغي لافروف في موسكو أن وفدا من الأمم المتحدة سيزور دمشق الأسبوع المقبل .",
    "قالت قوات سوريا الديمقراطية إن اشتباكات اندلعت مع الفرقة الرابعة في حي الشيخ مقصود بمدينة حلب .",
    "وصلت قافلة مساعدات تابعة للهلال الأحمر العربي السوري إلى مدينة القامشلي في محافظة الحسكة .",
    "وأكد الرئيس الفرنسي إيمانويل ماكرون خلال لقائه الملك عبد الله الثاني في عمان دعم بلاده للأردن .",
    "ونقلت وكالة الأنباء السعودية عن مصدر مسؤول أن المملكة ترحب بقرار مجلس الأمن الدولي .",
];

fn corpus() -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for _ in 0..40 {
        for s in SENTENCES {
            out.push(s.split(' ').map(str::to_string).collect());
        }
    }
    out
}

#[divan::bench]
fn tag_tokens(bencher: divan::Bencher) {
    let tagger = Tagger::bundled().expect("bundled model");
    let sents = corpus();
    let ntok: usize = sents.iter().map(Vec::len).sum();
    bencher
        .counter(divan::counter::ItemsCount::new(ntok))
        .bench(|| {
            let mut n = 0;
            for s in &sents {
                n += tagger.tag_tokens(divan::black_box(s)).len();
            }
            n
        });
}

#[divan::bench]
fn tag_text(bencher: divan::Bencher) {
    let tagger = Tagger::bundled().expect("bundled model");
    let text = SENTENCES.join("\n").repeat(40);
    let ntok = marsad_ner::text::tokenize(&text).len();
    bencher
        .counter(divan::counter::ItemsCount::new(ntok))
        .bench(|| tagger.tag(divan::black_box(&text)).len());
}

/// The ANERcorp test file's sentences (real news text), when `../shared` is present.
#[divan::bench]
fn anercorp_test_sentences(bencher: divan::Bencher) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/anercorp/ANERcorp_CamelLabRules_test.reproduced.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} absent, skipping", path.display());
        return;
    };
    let sents: Vec<Vec<String>> = marsad_ner::eval::parse_flat(&text, marsad_ner::Format::Anercorp)
        .into_iter()
        .map(|s| s.tokens)
        .collect();
    let ntok: usize = sents.iter().map(Vec::len).sum();
    let tagger = Tagger::bundled().expect("bundled model");
    bencher
        .counter(divan::counter::ItemsCount::new(ntok))
        .bench(|| tagger.tag_document(divan::black_box(&sents)).len());
}
