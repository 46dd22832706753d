//! The `postman-codegen` command: `generate`, `check` and `inspect` on top of the library.

mod diagnostic;
mod stale;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use postman_codegen::output::{check_files, write_files};
use postman_codegen::{Config, Error, Warning, inspect};

use diagnostic::Style;

// A large API makes millions of small, long-lived token allocations; glibc's allocator then
// slows down far faster than the heap grows (a 10k-request collection: 9 s with glibc, 3 s with
// mimalloc; BENCHMARKS.md). Build scripts using the library keep their own allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate a typed Rust HTTP client crate from a Postman collection (v2.0 / v2.1).
#[derive(Parser)]
#[command(version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors (and, for `inspect`, the report).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print each file written or left alone, and counts.
    #[arg(long, short, global = true)]
    verbose: bool,
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for check: the crate is up to date)
  1  check (or generate --check) found the crate out of date
  2  the collection or overrides could not be used, the output could not be written, or the
     command line was wrong";

#[derive(Subcommand)]
enum Command {
    /// Write a client crate for a collection.
    #[command(after_help = "\
Examples:
  postman-codegen generate collections/zoom.postman_collection.json --out zoom-client
  postman-codegen generate api.json --out client --crate-name my-api --config api.overrides.toml")]
    Generate {
        #[command(flatten)]
        target: Target,
        /// Compare instead of writing, like `check`.
        #[arg(long)]
        check: bool,
    },
    /// Exit 1 with a short diff when the crate in --out is out of date.
    ///
    /// Compares the crate with what `generate` would write, and writes nothing. CI runs it to
    /// catch a committed client that nobody regenerated.
    #[command(after_help = "\
Examples:
  postman-codegen check collections/zoom.postman_collection.json --out generated-client \\
      --config collections/zoom.overrides.toml")]
    Check {
        #[command(flatten)]
        target: Target,
    },
    /// List each item with its Rust function, parameters and warnings.
    ///
    /// For each request item: its folder path in Postman, method and URL, the `Client` method
    /// with its signature, where each Postman parameter went, the statuses with saved
    /// examples, and the warnings about it.
    #[command(after_help = "\
Examples:
  postman-codegen inspect collections/todo.postman_collection.json
  postman-codegen inspect zoom.json --find 'virtual background'   # find an item's function")]
    Inspect {
        /// The Postman collection file (.json).
        collection: PathBuf,
        /// An overrides file (TOML), see the README.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only items whose Postman path or function name contains this text (any case).
        #[arg(long)]
        find: Option<String>,
    },
}

/// What `generate` and `check` work on.
#[derive(Args)]
struct Target {
    /// The Postman collection file (.json).
    collection: PathBuf,
    /// The folder of the crate (created if missing).
    #[arg(long, short)]
    out: PathBuf,
    /// The package name of the crate (default: the collection name in kebab case).
    #[arg(long)]
    crate_name: Option<String>,
    /// An overrides file (TOML), see the README.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A Postman environment file (.json) whose values the collection's variables take.
    #[arg(long)]
    environment: Option<PathBuf>,
    /// Make each top-level folder a cargo feature of the crate (all on by default).
    #[arg(long)]
    features_per_folder: bool,
}

impl Target {
    fn config(&self) -> Config {
        let mut config = Config::new();
        // The CLI is not a build script, even when run by `cargo run`.
        config.emit_rerun_if_changed(false).cargo_warnings(false);
        if let Some(path) = &self.config {
            config.overrides(path);
        }
        if let Some(name) = &self.crate_name {
            config.crate_name(name);
        }
        if let Some(path) = &self.environment {
            config.environment(path);
        }
        config.features_per_folder(self.features_per_folder);
        config
    }
}

/// How much to print.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    };
    let style = Style::detect();
    let result = match cli.command {
        Command::Generate { target, check } if check => run_check(&target, verbosity),
        Command::Generate { target, .. } => run_generate(&target, verbosity),
        Command::Check { target } => run_check(&target, verbosity),
        Command::Inspect {
            collection,
            config,
            find,
        } => run_inspect(collection, config, find, verbosity),
    };
    result.unwrap_or_else(|error| {
        eprint!("{}", style.error(&error));
        eprintln!();
        ExitCode::from(2)
    })
}

fn run_generate(target: &Target, verbosity: Verbosity) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let (files, warnings) = target.config().crate_files(&target.collection)?;
    report(&warnings, verbosity);
    // Compared first so --verbose can say what changed; the write skips equal files anyway.
    let changes = check_files(&target.out, &files);
    write_files(&target.out, &files)?;
    if verbosity == Verbosity::Verbose {
        for change in &changes {
            eprintln!("  {change}");
        }
        eprintln!(
            "{} files generated, {} changed, {} warnings, in {:.1?}",
            files.len(),
            changes.len(),
            warnings.len(),
            started.elapsed()
        );
    }
    if verbosity >= Verbosity::Normal {
        eprintln!("wrote {}", target.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_check(target: &Target, verbosity: Verbosity) -> Result<ExitCode, Error> {
    let (files, warnings) = target.config().crate_files(&target.collection)?;
    report(&warnings, verbosity);
    let stale = check_files(&target.out, &files);
    if stale.is_empty() {
        if verbosity >= Verbosity::Normal {
            eprintln!("{} is up to date", target.out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    // The verdict is printed even with --quiet: exit 1 alone does not say what to do.
    eprint!("{}", stale::report(&target.out, &files, &stale));
    eprintln!("regenerate it with `postman-codegen generate` and the same arguments");
    Ok(ExitCode::from(1))
}

fn run_inspect(
    collection: PathBuf,
    overrides: Option<PathBuf>,
    find: Option<String>,
    verbosity: Verbosity,
) -> Result<ExitCode, Error> {
    let mut config = Config::new();
    config.emit_rerun_if_changed(false).cargo_warnings(false);
    if let Some(path) = overrides {
        config.overrides(path);
    }
    let generated = config.generate(&collection)?;
    let mut inspection = inspect::inspect(&generated)?;
    if let Some(needle) = &find {
        inspection.retain_matching(needle);
    }
    if verbosity == Verbosity::Quiet {
        inspection.general_warnings.clear();
        for item in &mut inspection.items {
            item.warnings.clear();
        }
    }
    print!("{inspection}");
    Ok(ExitCode::SUCCESS)
}

fn report(warnings: &[Warning], verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet {
        return;
    }
    for warning in warnings {
        eprintln!("{warning}");
    }
}
