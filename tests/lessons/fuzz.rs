//! Damaged lesson files never panic the reader: each bundled lesson cut, spliced and sprinkled
//! with characters that YAML and Markdown treat specially. `FUZZ_CASES` sets how many.

use sts_playground::session::lesson::bundled::FILES;
use sts_playground::session::lesson::parse;

/// A small deterministic generator (xorshift), so that a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPECIAL: &[&str] = &[
    ":", "-", "- ", "{", "}", "[", "]", "'", "\"", "#", "|", ">", "&a", "*a", "!!", "\t", "\n",
    "---\n", "## ", "{.", "=", "/", "é", "\u{0}", "  ", "null", "~", "1e999", "-1",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(40)).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                let piece = SPECIAL[rng.below(SPECIAL.len())];
                for (i, c) in piece.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            2 => chars.truncate(at),
            _ => {
                let from = rng.below(chars.len() + 1);
                let end = (from + rng.below(80)).min(chars.len());
                let piece: Vec<char> = chars[from..end].to_vec();
                for (i, c) in piece.into_iter().enumerate() {
                    chars.insert(at.min(chars.len()) + i, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn damaged_lessons_never_panic() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let mut rng = Rng(0x05ee_d1e5_50a5_u64);
    let mut read = 0;
    for i in 0..cases {
        let (_, text) = FILES[i % FILES.len()];
        let damaged = mutate(&mut rng, text);
        if parse(&damaged).is_ok() {
            read += 1;
        }
    }
    // Most damage is caught; some (in the text, say) leaves a readable lesson.
    assert!(read < cases, "{read} of {cases} damaged files still read");
}
