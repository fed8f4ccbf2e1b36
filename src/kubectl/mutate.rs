//! Stub.

use super::Run;
use super::ctx::Ctx;

/// Stub.
pub(crate) fn set_image(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn annotate(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn label(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn patch(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}

/// Stub.
pub(crate) fn scale(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}
