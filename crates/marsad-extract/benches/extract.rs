//! Extraction throughput on the real news corpus (`../shared/data/news`); skipped when absent.
fn main() {
    divan::main();
}
