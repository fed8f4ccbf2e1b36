//! A small seeded random number generator (SplitMix64), so that jitter is reproducible.

use serde::{Deserialize, Serialize};

/// Seeded generator; the same seed gives the same sequence on every platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng {
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `lo..=hi` (returns `lo` when the range is empty).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// A random RFC 4122 version-4 UUID string, as the API server assigns to metadata.uid.
    pub fn uuid(&mut self) -> String {
        let (a, b) = self.uuid_bits();
        uuid_text(a, b)
    }

    /// The random bits of a UUID, to be written out later by [`uuid_text`].
    pub fn uuid_bits(&mut self) -> (u64, u64) {
        let a = self.next_u64();
        (a, self.next_u64())
    }

    /// A lower-case alphanumeric suffix like the ones generateName and event names use.
    pub fn suffix(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..len)
            .map(|_| {
                let at = (self.next_u64() % ALPHABET.len() as u64) as usize;
                char::from(ALPHABET.get(at).copied().unwrap_or(b'x'))
            })
            .collect()
    }
}

/// A UUID made from `seed` (FNV-1a), for objects a controller writes without drawing on the
/// seeded random sequence, so that adding them leaves every other name and address as it was.
pub fn uuid_from(seed: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    uuid_text(h, h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15)
}

/// The RFC 4122 version-4 UUID string of the random bits `a` then `b`.
pub fn uuid_text(a: u64, b: u64) -> String {
    // The 32 hex digits of `a` then `b`, with the version digit (the 13th) set to 4 and the
    // variant digit (the 17th) to one of 8, 9, a, b, in the 8-4-4-4-12 layout.
    let mut hex = [super::hex::digits(a), super::hex::digits(b)].concat();
    if let Some(d) = hex.get_mut(12) {
        *d = b'4';
    }
    if let (Some(d), Some(v)) = (hex.get_mut(16), b"89ab".get(((b >> 60) & 3) as usize)) {
        *d = *v;
    }
    let mut out = Vec::with_capacity(36);
    for (i, part) in [0..8, 8..12, 12..16, 16..20, 20..32]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push(b'-');
        }
        out.extend_from_slice(hex.get(part).unwrap_or_default());
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_different_seeds_differ() {
        let (mut a, mut b, mut c) = (Rng::new(7), Rng::new(7), Rng::new(8));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn uuids_keep_their_layout() {
        let mut r = Rng::new(1);
        let mut q = r.clone();
        for _ in 0..100 {
            let a = q.next_u64();
            let b = q.next_u64();
            let hex = format!("{a:016x}{b:016x}");
            let variant = ["8", "9", "a", "b"][(b >> 60) as usize % 4];
            let want = format!(
                "{}-{}-4{}-{}{}-{}",
                &hex[0..8],
                &hex[8..12],
                &hex[13..16],
                variant,
                &hex[17..20],
                &hex[20..32]
            );
            assert_eq!(r.uuid(), want);
        }
    }

    #[test]
    fn uuids_are_well_formed() {
        let mut r = Rng::new(1);
        for _ in 0..100 {
            let u = r.uuid();
            assert_eq!(u.len(), 36);
            assert_eq!(&u[14..15], "4");
            assert!(u.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn range_stays_inside_bounds() {
        let mut r = Rng::new(3);
        for _ in 0..1000 {
            let v = r.range(10, 20);
            assert!((10..=20).contains(&v));
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.range(9, 2), 9);
    }
}
