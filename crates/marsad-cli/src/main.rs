//! The `marsad` command line (being wired).
fn main() {}
