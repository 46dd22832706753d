//! The `postman-codegen` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use postman_codegen::{Config, Warning};

/// Generate a typed Rust HTTP client crate from a Postman collection (v2.0 / v2.1).
#[derive(Parser)]
#[command(version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success (with --check: the crate is up to date)
  1  --check found the crate out of date
  2  the collection or overrides could not be used, or the output could not be written";

#[derive(Subcommand)]
enum Command {
    /// Write a client crate for a collection.
    #[command(after_help = "\
Examples:
  postman-codegen generate collections/zoom.postman_collection.json --out zoom-client
  postman-codegen generate api.json --out client --crate-name my-api --config api.overrides.toml
  postman-codegen generate api.json --out client --check    # CI: fail when the crate is stale")]
    Generate {
        /// The Postman collection file (.json).
        collection: PathBuf,
        /// The folder of the crate to write (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        /// The package name of the crate (default: the collection name in kebab case).
        #[arg(long)]
        crate_name: Option<String>,
        /// An overrides file (TOML), see the README.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Compare with the crate in --out instead of writing; exit 1 when it is stale.
        #[arg(long)]
        check: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            collection,
            out,
            crate_name,
            config: overrides,
            check,
            quiet,
        } => {
            let mut config = Config::new();
            if let Some(path) = overrides {
                config.overrides(path);
            }
            if let Some(name) = crate_name {
                config.crate_name(name);
            }
            if check {
                match config.check_crate(&collection, &out) {
                    Ok((stale, warnings)) => {
                        report(&warnings, quiet);
                        if stale.is_empty() {
                            if !quiet {
                                eprintln!("{} is up to date", out.display());
                            }
                            return ExitCode::SUCCESS;
                        }
                        eprintln!("{} is out of date ({} files):", out.display(), stale.len());
                        for entry in stale.iter().take(20) {
                            eprintln!("  {entry}");
                        }
                        if stale.len() > 20 {
                            eprintln!("  … and {} more", stale.len() - 20);
                        }
                        eprintln!("regenerate it with the same command without --check");
                        ExitCode::from(1)
                    }
                    Err(error) => fail(&error),
                }
            } else {
                match config.write_crate(&collection, &out) {
                    Ok(warnings) => {
                        report(&warnings, quiet);
                        if !quiet {
                            eprintln!("wrote {}", out.display());
                        }
                        ExitCode::SUCCESS
                    }
                    Err(error) => fail(&error),
                }
            }
        }
    }
}

fn report(warnings: &[Warning], quiet: bool) {
    if quiet {
        return;
    }
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn fail(error: &postman_codegen::Error) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}
