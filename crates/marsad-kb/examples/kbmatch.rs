//! Prints the knowledge-base mentions of a text file (a development aid; the CLI wires
//! `marsad kb match`).
fn main() {
    let t0 = std::time::Instant::now();
    let kb = match marsad_kb::Kb::bundled() {
        Ok(kb) => kb,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    eprintln!("load {:?}", t0.elapsed());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--stats") {
        println!(
            "{}",
            serde_json::to_string_pretty(&kb.stats()).unwrap_or_default()
        );
        return;
    }
    if args.first().map(String::as_str) == Some("--jsonl") {
        for p in &args[1..] {
            let all = std::fs::read_to_string(p).unwrap_or_default();
            for line in all.lines() {
                let Ok(doc) = serde_json::from_str::<marsad_types::Document>(line) else {
                    continue;
                };
                let text = doc.full_text();
                let ms = kb.find(&text);
                for r in kb.records(&doc.id, &text, &ms) {
                    println!("{}", serde_json::to_string(&r).unwrap_or_default());
                }
            }
        }
        return;
    }
    for p in args {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let ms = kb.find(&text);
        for r in kb.records(&p, &text, &ms) {
            println!("{}", serde_json::to_string(&r).unwrap_or_default());
        }
    }
}
