//! kibitz: a comment section that any web page embeds with one script tag.
//!
//! The pure core turns a thread document into a tree and never touches the
//! DOM: [`config`] reads attributes, [`normalize`] builds the tree from the
//! [`model`] wire types, [`time`] parses and labels timestamps, [`sanitize`]
//! makes the only HTML. The browser side fetches ([`fetch`]), formats dates
//! through Intl ([`intl`]), renders ([`components`]) and mounts ([`embed`]).
#![warn(missing_docs)]

pub mod components;
pub mod config;
pub mod embed;
pub mod error;
pub mod fetch;
pub mod formats;
pub mod i18n;
pub mod intl;
pub mod model;
pub mod normalize;
pub mod sanitize;
pub mod sources;
pub mod time;
pub mod time_style;
