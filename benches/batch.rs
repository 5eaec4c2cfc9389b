//! Benchmarks of a batch run: written in full once the batch is complete.
fn main() {}
