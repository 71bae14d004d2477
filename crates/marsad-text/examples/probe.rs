//! Prints what the text core finds in a text: `cargo run -p marsad-text --example probe --
//! FILE [YYYY-MM-DD]` (FILE `-` reads standard input).

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "-".into());
    let published = args.next().and_then(|s| s.parse().ok());
    let mut text = String::new();
    let ok = if path == "-" {
        std::io::stdin().read_to_string(&mut text).is_ok()
    } else {
        match std::fs::read_to_string(&path) {
            Ok(t) => {
                text = t;
                true
            }
            Err(_) => false,
        }
    };
    if !ok {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    }
    println!("sentences: {}", marsad_text::sentences(&text).len());
    println!("tokens: {}", marsad_text::tokenize(&text).len());
    for q in marsad_text::find_quantities(&text) {
        println!(
            "QTY  {:?} = {} {:?} {:?}{}",
            &text[q.span.clone()],
            q.value,
            q.unit.map(|u| u.as_str()),
            q.qualifier.map(|q| q.as_str()),
            if q.vague { " vague" } else { "" }
        );
    }
    for t in marsad_text::find_times(&text, published) {
        println!(
            "TIME {:?} = {:?} {:?} {}",
            &text[t.span.clone()],
            t.date.map(|d| d.to_string()),
            t.precision,
            t.basis.as_str()
        );
    }
}
