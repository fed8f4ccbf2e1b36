//! Text <-> a compact, URL-safe string: raw deflate (miniz_oxide), then unpadded base64url.

/// The most bytes a link may inflate to; anything larger is refused before it is read.
pub const MAX_INFLATED: usize = 2 * 1024 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Compresses `text` into URL-safe characters.
pub fn pack(text: &str) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

/// Reverses [`pack`]; says what is wrong with a damaged or oversized input.
pub fn unpack(packed: &str) -> Result<String, String> {
    let bytes = from_base64url(packed.trim())
        .ok_or_else(|| "it contains characters a share link never has".to_string())?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                "it unpacks to more than 2 MB".to_string()
            }
            _ => "it is cut short or damaged".to_string(),
        })?;
    String::from_utf8(inflated).map_err(|_| "it does not unpack to text".to_string())
}

/// Unpadded base64url.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        let take = chunk.len() + 1;
        for i in 0..take {
            let index = ((n >> (18 - 6 * i)) & 63) as usize;
            if let Some(&c) = ALPHABET.get(index) {
                out.push(char::from(c));
            }
        }
    }
    out
}

/// Decodes unpadded (or padded) base64url; `None` on any other character or a dangling sextet.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c)?;
        acc = (acc << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    // Four characters carry three bytes; one left-over character cannot hold a whole byte.
    if text.len() % 4 == 1 {
        return None;
    }
    Some(out)
}
