//! Small interpreters for the `awk` and `sed` programs tutorials use.

use super::flags::Spec;
use crate::exec::{Ctx, Output};

/// Flag tables of the commands in this file.
#[cfg(test)]
pub(super) const SPECS: &[&Spec] = &[];

/// `awk PROGRAM [FILES]`.
pub(super) fn awk(_args: &[String], _ctx: &mut Ctx) -> Output {
    Output::err("awk: not yet\n", 2)
}

/// `sed SCRIPT [FILES]`.
pub(super) fn sed(_args: &[String], _ctx: &mut Ctx) -> Output {
    Output::err("sed: not yet\n", 1)
}
