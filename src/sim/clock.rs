//! The virtual clock: milliseconds since the cluster started, mapped onto a fixed calendar epoch.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::{Deserialize, Serialize};

/// Unix milliseconds of the moment a fresh playground cluster starts (Tue, 21 Jul 2026 10:00:00 UTC).
pub const EPOCH_UNIX_MS: i64 = 1_784_628_000_000;

/// The virtual clock; it only moves when the simulation advances it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Milliseconds since the cluster started.
    pub now_ms: u64,
}

impl Clock {
    /// The current instant as a calendar timestamp.
    pub fn timestamp(&self) -> jiff::Timestamp {
        timestamp_at(self.now_ms)
    }

    /// The current instant truncated to whole seconds, as the API server stores object times.
    pub fn time(&self) -> Time {
        time_at(self.now_ms)
    }
}

/// The calendar timestamp of a virtual instant.
pub fn timestamp_at(ms: u64) -> jiff::Timestamp {
    let unix = EPOCH_UNIX_MS.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX / 2));
    jiff::Timestamp::from_millisecond(unix).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// A virtual instant truncated to seconds, because metav1.Time serialises with second precision.
pub fn time_at(ms: u64) -> Time {
    Time(timestamp_at(ms - ms % 1000))
}

/// Virtual milliseconds of a stored timestamp (0 for times before the epoch).
pub fn ms_of(time: &Time) -> u64 {
    let unix = time.0.as_millisecond();
    u64::try_from(unix.saturating_sub(EPOCH_UNIX_MS)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_the_documented_calendar_moment() {
        assert_eq!(
            Clock::default().timestamp().to_string(),
            "2026-07-21T10:00:00Z"
        );
    }

    #[test]
    fn stored_times_have_second_precision_and_round_trip() {
        let t = time_at(61_999);
        assert_eq!(t.0.to_string(), "2026-07-21T10:01:01Z");
        assert_eq!(ms_of(&t), 61_000);
    }
}
