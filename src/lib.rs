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

pub mod archive;
pub mod article;
pub mod artifact;
pub mod build;
pub mod check;
pub mod config;
pub mod date;
pub mod error;
pub mod fs;
mod hash;
pub(crate) mod html;
pub mod import;
pub mod incremental;
pub mod links;
pub mod loader;
pub mod markdown;
pub mod permalink;
pub(crate) mod position;
mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod site;
pub mod slug;
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
pub mod theme;
pub mod topics;
pub(crate) mod web;
pub mod wording;
pub mod writer;

pub use build::{build, BuildOptions, BuildReport};
pub use check::{check, CheckOptions, CheckReport};
pub use error::{Diagnostic, Error, Result};
pub use import::{import, ImportOptions, ImportReport};
pub use progress::Phase;
pub use scaffold::{init, new_article, NewOptions};
pub use serve::{serve, ServeOptions};
pub use site::Prepared;
