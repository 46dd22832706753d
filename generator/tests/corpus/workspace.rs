//! A cargo workspace of generated crates under the target directory, built in one go so the
//! dependencies (reqwest, rustls, serde, …) build once for every crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The workspace folder and the crates in it.
pub struct Workspace {
    root: PathBuf,
    members: Vec<String>,
}

/// What one cargo run said.
pub struct Run {
    /// Whether cargo exited with success.
    pub success: bool,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
    /// How long it took.
    pub took: Duration,
}

impl Workspace {
    /// A workspace in `root`, created when missing. Crates from an earlier run stay on disk (so
    /// unchanged files keep their timestamps and cargo rebuilds only what changed) but are no
    /// members unless added again.
    pub fn new(root: &Path) -> Workspace {
        std::fs::create_dir_all(root).expect("the workspace folder can be created");
        Workspace {
            root: root.to_owned(),
            members: Vec::new(),
        }
    }

    /// The folder of member `name`.
    pub fn member_dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Makes the crate in folder `name` a member.
    pub fn add_member(&mut self, name: &str) {
        self.members.push(name.to_owned());
    }

    /// Writes `Cargo.toml` and seeds `Cargo.lock` with the repository's, so the crates get the
    /// dependency versions the repository tests with and cargo has nothing new to resolve.
    pub fn write_manifest(&self, lock: &Path) {
        let mut workspace = toml::Table::new();
        workspace.insert("resolver".into(), "2".into());
        workspace.insert(
            "members".into(),
            toml::Value::Array(self.members.iter().map(|m| m.as_str().into()).collect()),
        );
        // No debug info and no incremental state: nobody debugs these builds, and both cost
        // time and disk on every run.
        let mut dev = toml::Table::new();
        dev.insert("debug".into(), false.into());
        dev.insert("incremental".into(), false.into());
        let mut profile = toml::Table::new();
        profile.insert("dev".into(), dev.into());
        let mut manifest = toml::Table::new();
        manifest.insert("workspace".into(), workspace.into());
        manifest.insert("profile".into(), profile.into());
        let text = format!(
            "# Written by the corpus harness of postman-codegen.\n{}",
            toml::to_string(&manifest).expect("the manifest serializes")
        );
        write_if_changed(&self.root.join("Cargo.toml"), &text);
        let lock_path = self.root.join("Cargo.lock");
        if !lock_path.exists() {
            std::fs::copy(lock, lock_path).expect("Cargo.lock can be copied");
        }
    }

    /// Runs `cargo <args>` in the workspace with its own target directory (a nested cargo must
    /// not wait for the lock of the target directory the harness itself runs from).
    pub fn cargo(&self, args: &[&str]) -> Run {
        self.cargo_with_env(args, &[])
    }

    /// [`Workspace::cargo`] with these environment variables set.
    pub fn cargo_with_env(&self, args: &[&str], env: &[(String, String)]) -> Run {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let start = Instant::now();
        let output = Command::new(cargo)
            .args(args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", self.root.join("target"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("cargo runs");
        Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            took: start.elapsed(),
        }
    }

    /// Lints every member (library and round-trip test) with clippy and `-D warnings`; returns
    /// the rendered errors of each member that has some, and the run.
    pub fn clippy(&self) -> (BTreeMap<String, Vec<String>>, Run) {
        let run = self.cargo(&[
            "clippy",
            "--workspace",
            "--lib",
            "--test",
            "round_trip",
            "--keep-going",
            "--message-format=json",
            "--",
            "-D",
            "warnings",
        ]);
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in run.stdout.lines() {
            let Ok(message) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
                continue;
            }
            let member = message["manifest_path"]
                .as_str()
                .and_then(|path| Path::new(path).parent()?.file_name()?.to_str())
                .unwrap_or("?")
                .to_owned();
            let rendered = message["message"]["rendered"].as_str().unwrap_or("");
            errors.entry(member).or_default().push(rendered.to_owned());
        }
        (errors, run)
    }

    /// Builds and runs every member's round-trip test (with its mock calls), with `env` set
    /// (the mocks' URLs).
    pub fn test(&self, env: &[(String, String)]) -> Run {
        self.cargo_with_env(
            &[
                "test",
                "--workspace",
                "--test",
                "round_trip",
                "--no-fail-fast",
                "--",
                "--nocapture",
            ],
            env,
        )
    }

    /// The members.
    pub fn members(&self) -> BTreeSet<&str> {
        self.members.iter().map(String::as_str).collect()
    }
}

/// Writes `text` to `path` unless it already holds it, so cargo sees no change.
pub fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("the folder can be created");
    }
    std::fs::write(path, text).expect("the file can be written");
}
