//! gazette's integration tests, compiled as one test binary: `common` is compiled once
//! rather than once per file, and one binary is linked rather than fifteen.
//!
//! Run one file's tests with a filter on its module path, e.g. `cargo test --test it
//! incremental::`. Tests that need a tool this machine may lack (Chromium, the Nu Html
//! Checker) or the seed articles in `../shared/` are `#[ignore = "needs …"]`; they fail,
//! rather than skip, under `cargo test -- --include-ignored` when what they need is missing.
//! `.ci/run` installs the tools and runs them.

mod common;

mod architecture;
mod archive_pages;
mod authoring;
mod build;
mod check_links;
mod conventions;
mod corrections;
mod errors;
mod formats;
mod hardening;
mod hosting;
mod html_validity;
mod images;
mod import;
mod import_toml;
mod incremental;
mod languages;
mod links;
mod localised;
mod media;
mod navigation;
mod publishing;
mod record_cache;
mod scale;
mod scripts;
mod search_browser;
mod search_fixture;
mod search_judged;
mod search_languages;
mod search_tokens;
mod security;
mod serve;
mod serve_limits;
mod skip_broken;
mod theme;
mod theme_browser;
mod url_overrides;
