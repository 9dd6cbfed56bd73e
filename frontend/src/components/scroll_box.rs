//! A box that scrolls sideways inside its card when a table is wider than a phone.
//!
//! Only a box that really scrolls is a tab stop (so keyboard users can scroll it) and a named
//! region; one that fits would be an unnamed, useless stop. Whether it scrolls is checked
//! whenever its size changes (a window turned, a `<details>` opened).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

/// Props of [`ScrollBox`].
#[derive(Properties, PartialEq)]
pub struct ScrollBoxProps {
    /// What a screen reader calls the box when it scrolls (the table's caption, say).
    pub label: AttrValue,
    /// The wide content.
    pub children: Html,
}

/// The scrolling box.
#[function_component(ScrollBox)]
pub fn scroll_box(props: &ScrollBoxProps) -> Html {
    let node = use_node_ref();
    let scrolls = use_state_eq(|| false);
    {
        let (node, scrolls) = (node.clone(), scrolls.clone());
        use_effect_with((), move |_| {
            let check = {
                let node = node.clone();
                move || {
                    if let Some(el) = node.cast::<Element>() {
                        scrolls.set(el.scroll_width() > el.client_width());
                    }
                }
            };
            check();
            let callback = Closure::<dyn FnMut()>::new(check);
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, node.cast::<Element>()) {
                observer.observe(&el);
                // The table inside changes size when its rows arrive or a <details> opens.
                if let Some(child) = el.first_element_child() {
                    observer.observe(&child);
                }
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    let scrolling = *scrolls;
    html! {
        <div class="scroll" ref={node}
            tabindex={scrolling.then_some("0")}
            role={scrolling.then_some("region")}
            aria-label={scrolling.then(|| props.label.clone())}>
            { props.children.clone() }
        </div>
    }
}
