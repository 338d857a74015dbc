//! Service request: what needs doing, where, how urgent, and access.
//! Honest that this is not a complaint (Code 1.4).

use leptos::prelude::*;

use super::Question;
use crate::bind;
use crate::domain::journey::LONG_TEXT;
use crate::ui::fields::{Choice, Radios, TextArea, TextField};
use crate::ui::wizard::Wizard;

#[component]
pub fn RequestWhat() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <div class="pr-inset">
            <p>"This is a request for us to do something, not a complaint. "
               "If you are unhappy with how we deal with it, you can complain at any time, even while we are still working on it."</p>
        </div>
        <Question>
            <TextArea name="request_what" heading=true label="What needs doing?"
                hint="For example, the kitchen tap is leaking, or the front door will not lock."
                max_chars=LONG_TEXT value=bind!(w.answers, request_what)/>
        </Question>
    }
}

#[component]
pub fn RequestWhere() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextField name="request_where" heading=true label="Where in your home is it?"
                hint="For example, the back bedroom, or the shared stairs."
                value=bind!(w.answers, request_where)/>
        </Question>
    }
}

#[component]
pub fn RequestUrgency() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let choices = vec![
        Choice::new("urgent", "Soon: it is making life hard or could get worse quickly")
            .hint("For example, a leak you can contain, or a broken lock on an inside door."),
        Choice::new("routine", "It can wait for a normal appointment"),
    ];
    view! {
        <div class="pr-warning">
            <p>"If anyone is in danger now, do not use this form. Go back to the start to see our emergency number."</p>
        </div>
        <Question>
            <Radios name="request_urgency" heading=true legend_text="How soon does it need doing?"
                choices=choices value=bind!(w.answers, request_urgency)/>
        </Question>
    }
}

#[component]
pub fn RequestAccess() -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <Question>
            <TextArea name="request_access" heading=true optional=true label="When can we get into your home?"
                hint="For example, weekday mornings, not Fridays. Tell us about pets or anything we need to know to get in."
                max_chars=LONG_TEXT rows=4 value=bind!(w.answers, request_access)/>
        </Question>
    }
}
