//! gazette: a static site generator for news archives.
//!
//! The data flows one way: `site.toml` → [`config::Config`]; `content/` → [`loader`] →
//! [`article::Article`] records → [`archive::Archive`] (indexes by date and topic) →
//! [`render`] (pages as [`artifact::Artifact`]s) → [`writer`] → the output folder.
//! [`build::build`] runs the whole pipeline; [`import::import`] turns articles in any accepted
//! form into normalised Markdown files in `content/`; the `gazette` binary is a thin shell over
//! both.

pub mod archive;
pub mod article;
pub mod artifact;
pub mod build;
pub mod config;
pub mod date;
pub mod error;
pub mod fs;
pub mod import;
pub mod loader;
pub mod markdown;
pub mod permalink;
pub mod render;
pub mod slug;
#[doc(hidden)]
pub mod testing;
pub mod theme;
pub mod topics;
pub mod writer;

pub use build::{build, BuildOptions, BuildReport};
pub use error::{Diagnostic, Error, Result};
pub use import::{import, ImportOptions, ImportReport};
