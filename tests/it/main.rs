//! gazette's integration tests, compiled as one test binary: `common` is compiled once
//! rather than once per file, and one binary is linked rather than fifteen.
//!
//! Run one file's tests with a filter on its module path, e.g. `cargo test --test it
//! incremental::`.

mod common;

mod authoring;
mod build;
mod errors;
mod formats;
mod hosting;
mod html_validity;
mod import;
mod incremental;
mod links;
mod navigation;
mod record_cache;
mod scale;
mod search_browser;
mod security;
mod serve;
