//! A session as text: the recorded inputs (seed, files, actions) as a versioned payload, packed
//! compressed for autosave and for share links. The page stores and links it; reading it back is
//! [`crate::session::state::Model::replay`].

pub mod codec;
pub mod payload;

use self::payload::Payload;

/// The localStorage key of the autosaved session.
pub const SESSION_KEY: &str = "sts-playground.session";
/// The localStorage key of the theme choice.
pub const THEME_KEY: &str = "sts-playground.theme";
/// The localStorage key of the lessons' progress (`lesson::progress::Progress` as JSON).
pub const LESSONS_KEY: &str = "sts-playground.lessons";
/// What a share link's hash starts with.
pub const HASH_PREFIX: &str = "#s=";

/// The packed form of a session, as stored and as put into links.
pub fn pack(payload: &Payload) -> String {
    codec::pack(&payload::to_json(payload))
}

/// Reads a packed session; the error says what is wrong, in words for the learner.
pub fn unpack(packed: &str) -> Result<Payload, String> {
    let text = codec::unpack(packed)?;
    payload::from_json(&text)
}
