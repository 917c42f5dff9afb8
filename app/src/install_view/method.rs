//! The method picker: IPI on AWS, UPI bare metal with a helper node, or agent-based.

use engine::install::InstallMethod;
use yew::prelude::*;

use super::Env;
use super::text::T;

/// The properties of [`MethodPicker`].
#[derive(Properties, Clone, PartialEq)]
pub struct MethodPickerProps {
    /// The shared environment.
    pub env: Env,
    /// The current method.
    pub method: InstallMethod,
    /// Called with the picked method.
    pub on_pick: Callback<InstallMethod>,
}

/// Three radio buttons, one per method.
#[function_component(MethodPicker)]
pub fn method_picker(props: &MethodPickerProps) -> Html {
    let env = &props.env;
    let options = [
        (InstallMethod::Ipi, T::MethodIpi, "ipi"),
        (InstallMethod::Upi, T::MethodUpi, "upi"),
        (InstallMethod::Agent, T::MethodAgent, "agent"),
    ];
    html! {
        <fieldset class="inst-methods">
            <legend>{ env.t(T::Method) }</legend>
            { for options.iter().map(|(m, label, id)| {
                let m = *m;
                let onchange = {
                    let pick = props.on_pick.clone();
                    Callback::from(move |_: Event| pick.emit(m))
                };
                html! {
                    <label class={classes!("inst-method", (props.method == m).then_some("selected"))}>
                        <input type="radio" name="install-method" value={*id} checked={props.method == m} {onchange} />
                        { env.t(*label) }
                    </label>
                }
            }) }
        </fieldset>
    }
}
