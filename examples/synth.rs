//! Writes synthetic meetings for benchmarks: `synth REPORTS FOLDER [PER_MEETING]`.

#[path = "../benches/synth/mod.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(reports), Some(folder)) = (args.get(1).and_then(|n| n.parse().ok()), args.get(2)) else {
        eprintln!("usage: synth REPORTS FOLDER [PER_MEETING]");
        std::process::exit(2);
    };
    let per_meeting = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(10);
    synth::write(std::path::Path::new(folder), reports, per_meeting);
}
