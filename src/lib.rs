//! kibitz: a comment section that any web page embeds with one script tag.
//!
//! The pure core turns a thread document into a tree and never touches the
//! DOM: [`config`] reads attributes (with [`sources`] for the service
//! shortcuts), [`formats`] reads each accepted JSON (through [`json`]) into
//! the [`model`] types,
//! [`normalize`] links them into a tree, [`time`] and [`time_style`] parse and
//! label timestamps, [`i18n`] holds the widget's words, [`sanitize`] makes
//! bodies safe HTML (scanning text with [`bytescan`]) and [`render`] writes
//! comments as markup around them;
//! [`remember`] keeps the reader's choices as text. The
//! browser side fetches ([`fetch`]), formats dates, plurals
//! and numbers through Intl ([`intl`]), renders ([`components`]) and mounts
//! ([`embed`]).
#![warn(missing_docs)]

pub mod bytescan;
pub mod components;
pub mod config;
pub mod embed;
pub mod error;
pub mod fetch;
pub mod formats;
pub mod i18n;
pub mod intl;
pub mod json;
pub mod model;
pub mod normalize;
pub mod remember;
pub mod render;
pub mod sanitize;
pub mod schedule;
pub mod sources;
pub mod time;
pub mod time_style;
