//! The widget's views, one file each: the section and its load states
//! (`widget`), the comment list (`thread`, which places the markup
//! `render.rs` writes, through `markup`), the controls above it
//! (`toolbar`) and the status lines (`status`).

mod markup;
mod status;
mod thread;
mod toolbar;
mod widget;

pub use widget::{dispatch_event, refresh_clocks, Widget};
