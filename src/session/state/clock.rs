//! Virtual time as the learner controls it: playing or paused, and how fast.

/// How fast virtual time runs while playing, relative to real time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Speed {
    /// Half real time.
    Half,
    /// Real time.
    X1,
    /// Twice real time.
    X2,
    /// Five times real time.
    X5,
    /// Ten times real time.
    X10,
}

impl Speed {
    /// Every speed, in the order the controls list them.
    pub const ALL: [Speed; 5] = [Speed::Half, Speed::X1, Speed::X2, Speed::X5, Speed::X10];

    /// The multiplier as a fraction (numerator, denominator).
    pub fn ratio(self) -> (u64, u64) {
        match self {
            Speed::Half => (1, 2),
            Speed::X1 => (1, 1),
            Speed::X2 => (2, 1),
            Speed::X5 => (5, 1),
            Speed::X10 => (10, 1),
        }
    }

    /// The label shown on the control, e.g. `2×`.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Half => "0.5×",
            Speed::X1 => "1×",
            Speed::X2 => "2×",
            Speed::X5 => "5×",
            Speed::X10 => "10×",
        }
    }
}

/// The state of the time controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockState {
    /// Whether virtual time advances on its own.
    pub playing: bool,
    /// How fast it advances while playing.
    pub speed: Speed,
    /// Real milliseconds not yet turned into virtual time (times the ratio's denominator).
    pub carry: u64,
    /// Whether the last tick ran out of real time before reaching its virtual time (the
    /// cluster is too busy to keep up with the chosen speed).
    pub behind: bool,
}

impl Default for ClockState {
    fn default() -> Self {
        ClockState {
            playing: true,
            speed: Speed::X1,
            carry: 0,
            behind: false,
        }
    }
}

impl ClockState {
    /// Turns real elapsed milliseconds into virtual milliseconds at the current speed, keeping the
    /// remainder so that half speed loses nothing over many ticks.
    pub fn virtual_ms(&mut self, real_ms: u64) -> u64 {
        let (num, den) = self.speed.ratio();
        let scaled = real_ms.saturating_mul(num).saturating_add(self.carry);
        self.carry = scaled % den;
        scaled / den
    }
}

/// Formats virtual time as `H:MM:SS`, the way the time strip shows it.
pub fn format_clock(elapsed_ms: u64) -> String {
    let total = elapsed_ms / 1_000;
    let (hours, minutes, seconds) = (total / 3_600, (total / 60) % 60, total % 60);
    format!("{hours}:{minutes:02}:{seconds:02}")
}
