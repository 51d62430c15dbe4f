//! A short, deterministic run of every fuzz target on stable: the seed
//! corpus (`fuzz/seeds/<target>/`), then pseudo-random and mutated inputs.
//! The long runs (libFuzzer, millions of executions) are in docs/benchmarks.md.

use std::path::Path;

type Target = fn(&[u8]);

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds")
        .join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds for {target}");
    seeds
}

fn run(target: &str, body: Target, iterations: usize) {
    let seeds = seeds(target);
    for seed in &seeds {
        body(seed);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..iterations {
        let mut input = seeds[i % seeds.len()].clone();
        // A few random edits: overwrite, insert, truncate.
        for _ in 0..(rng.next() % 8) {
            let r = rng.next();
            match r % 3 {
                0 if !input.is_empty() => {
                    let at = (r >> 8) as usize % input.len();
                    input[at] = (r >> 32) as u8;
                }
                1 => {
                    let at = (r >> 8) as usize % (input.len() + 1);
                    input.insert(at, (r >> 32) as u8);
                }
                _ => input.truncate((r >> 8) as usize % (input.len() + 1)),
            }
        }
        body(&input);
    }
}

#[test]
fn code() {
    run("code", qr_event_fuzzing::code, 100_000);
}

#[test]
fn csv_import() {
    run("csv_import", qr_event_fuzzing::csv_import, 20_000);
}

#[test]
fn request_bodies() {
    run("request_bodies", qr_event_fuzzing::request_bodies, 50_000);
}

#[test]
fn ticket_text() {
    // A whole PDF per input: fewer runs than the parsers.
    run("ticket_text", qr_event_fuzzing::ticket_text, 300);
}
