//! `use_lab_checks`: evaluates the current lab's checks against the live session whenever the session's revision
//! changes (every command, action and clock tick), and stores the result in the lab state.

use std::rc::Rc;

use yew::prelude::*;

use super::catalog;
use super::lab_state::{LabAction, LabState};
use crate::state::SessionCtx;

/// Re-checks the current lab after every engine change; labs on another scenario than the session's wait.
#[hook]
pub fn use_lab_checks(ctx: &SessionCtx, state: &UseReducerHandle<LabState>) {
    let session = ctx.session.clone();
    let progress = state.progress.clone();
    let deps = (
        ctx.revision,
        session.as_ref().map(|s| Rc::as_ptr(s) as usize),
        progress.as_ref().map(|p| (p.lab.clone(), p.started_at)),
    );
    let state = state.clone();
    use_effect_with(deps, move |_| {
        let (Some(session), Some(mut progress)) = (session, progress) else {
            return;
        };
        let Some(lab) = catalog::lab(&progress.lab) else {
            return;
        };
        let evaluation = {
            let Ok(mut session) = session.try_borrow_mut() else {
                return;
            };
            if session.scenario != lab.scenario {
                return;
            }
            progress.update(lab, &mut session)
        };
        state.dispatch(LabAction::Evaluated(evaluation, progress));
    });
}
