//! Stub.

use super::Run;
use super::ctx::Ctx;

/// Stub.
pub(crate) fn exec(ctx: &mut Ctx<'_>) -> Option<Run> {
    super::cmd_misc::unsupported(ctx)
}
