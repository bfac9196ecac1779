//! The widget's views, one file each: the section and its load states
//! (`widget`), the comment list (`thread`), one comment (`comment`), a
//! comment body (`body`) and the status lines (`status`).

mod body;
mod comment;
mod status;
mod thread;
mod widget;

pub use widget::{dispatch_event, refresh_clocks, Widget};
