//! Helpers shared by the integration tests: the real binaries with a
//! cleared environment, and the repository root.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

/// A built binary of this crate, run with nothing but PATH in its environment.
pub fn bin(name: &str) -> Command {
    let mut c = Command::cargo_bin(name).expect("binary built");
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ids of the hits of a `--json` search result, in rank order.
pub fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}
