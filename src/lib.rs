//! gazette: a static site generator for news archives.
//!
//! The data flows one way: `site.toml` → [`config::Config`]; `content/` → [`loader`] →
//! [`article::Article`] records → [`archive::Archive`] (indexes by date and topic) →
//! [`render`] (pages as [`artifact::Artifact`]s) → [`writer`] → the output folder.
//! [`build::build`] runs the whole pipeline; the `gazette` binary is a thin shell over it.
//!
//! The other commands reuse the pipeline's stages ([`Prepared`]) rather than repeat
//! them: [`check::check`] renders in memory and checks links, [`serve::serve`] builds into
//! a folder of its own and serves it, [`scaffold`] writes new articles and archives, and
//! [`import::import`] turns articles in any accepted form into normalised Markdown files.

#![warn(unreachable_pub)]

pub mod archive;
pub mod article;
mod artifact;
mod build;
pub mod check;
pub mod config;
mod date;
mod error;
mod fs;
mod hash;
mod html;
pub mod i18n;
mod images;
pub mod import;
mod incremental;
mod links;
pub mod loader;
pub mod markdown;
mod nesting;
mod permalink;
mod portable;
mod position;
mod progress;
pub mod render;
pub mod scaffold;
mod schedule;
pub mod search;
pub mod serve;
mod site;
mod slug;
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
mod theme;
pub mod topics;
mod web;
pub mod wording;
mod writer;

pub use build::{build, BuildOptions, BuildReport};
pub use check::{check, CheckOptions, CheckReport};
pub use error::{Diagnostic, Error, Result};
pub use import::{import, ImportOptions, ImportReport};
pub use progress::Phase;
pub use scaffold::{init, new_article, NewOptions};
pub use serve::{serve, ServeOptions};
pub use site::Prepared;
