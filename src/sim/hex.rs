//! Lower-case hexadecimal digits written without the formatter, for ids and names that are made
//! for every object and event.

/// The 16 lower-case hex digits of `value`, most significant first (`format!("{value:016x}")`).
pub fn digits(value: u64) -> [u8; 16] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [b'0'; 16];
    for (i, d) in out.iter_mut().enumerate() {
        let nibble = (value >> (60 - 4 * i)) & 0xf;
        *d = HEX.get(nibble as usize).copied().unwrap_or(b'0');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_match_the_formatter() {
        for v in [0u64, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(super::digits(v).to_vec(), format!("{v:016x}").into_bytes());
        }
    }
}
