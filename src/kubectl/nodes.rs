//! Stub.

use super::Run;
use super::ctx::Ctx;

/// Stub.
pub(crate) fn cordon(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn uncordon(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn drain(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}
