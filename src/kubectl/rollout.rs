//! Stub.

use super::Run;
use super::ctx::Ctx;

/// Stub.
pub(crate) fn history(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn pause(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn restart(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn resume(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn undo(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}
