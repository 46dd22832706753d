//! The `postman-codegen` command: `generate`, `check`, `inspect` and `mock` on top of the library.

mod diagnostic;
mod stale;

use std::io::Write as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use postman_codegen::mock::{self, MockOptions};
use postman_codegen::{Config, Error, FieldPolicy, Outcome, Warning};

use diagnostic::Style;

// A large API makes millions of small, long-lived token allocations; glibc's allocator then
// slows down far faster than the heap grows (a 10k-request collection: 9 s with glibc, 3 s with
// mimalloc; BENCHMARKS.md). Built without transparent huge pages (`no_thp` in Cargo.toml), its
// peak RSS is within a few MB of glibc's. Build scripts using the library keep their own
// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate a typed Rust HTTP client crate from a Postman collection (v2.0 / v2.1 JSON, or a v3
/// collection folder).
#[derive(Parser)]
#[command(version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors (and, for `inspect`, the report; for `mock`, its URL).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: for `generate`, each file written or left alone, and counts.
    #[arg(long, short, global = true)]
    verbose: bool,
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for check: the crate is up to date)
  1  check (or generate --check) found the crate out of date
  2  the collection or overrides could not be used, the output could not be written, the mock
     server could not listen, or the command line was wrong";

#[derive(Subcommand)]
enum Command {
    /// Write a client crate for a collection.
    #[command(after_help = "\
Examples:
  postman-codegen generate collections/zoom.postman_collection.json --out zoom-client
  postman-codegen generate api.json --out client --crate-name my-api --config api.overrides.toml
  postman-codegen generate api.json --out client --blocking   # no async runtime needed
  postman-codegen generate \"postman/collections/My API\" --out client   # a v3 collection folder")]
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
        /// The Postman collection: a .json file, or a v3 collection folder (the one holding
        /// .resources/definition.yaml and the *.request.yaml files).
        collection: PathBuf,
        /// An overrides file (TOML), see the README.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only items whose Postman path or function name contains this text (any case).
        #[arg(long)]
        find: Option<String>,
    },
    /// Serve the collection's saved example responses over HTTP, until Ctrl-C.
    ///
    /// Each request item is a route: its method and path, where `:id` and `{{var}}` match any
    /// value, served from the root and under the path of the base URL (`/v2`). The example sent
    /// is the one the `x-mock-response-code` and/or `x-mock-response-name` request headers name,
    /// else the first 2xx, else the first; an unknown route gets a 404 whose JSON body lists the
    /// nearest routes. The first line on stdout is the server's URL; each request is logged on
    /// stderr (not with --quiet).
    #[command(after_help = "\
Examples:
  postman-codegen mock collections/todo.postman_collection.json --port 8080
  curl http://127.0.0.1:8080/todos/1
  curl -H 'x-mock-response-code: 404' http://127.0.0.1:8080/todos/1
  postman-codegen mock zoom.json --config zoom.overrides.toml   # only the items the client has
  postman-codegen mock api.json --bind 0.0.0.0 --port 8080      # reachable from other machines")]
    Mock {
        /// The Postman collection: a .json file, or a v3 collection folder (the one holding
        /// .resources/definition.yaml and the *.request.yaml files).
        collection: PathBuf,
        /// The port; 0 lets the system pick a free one (the URL printed says which).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The IP address to listen on; 0.0.0.0 or :: serves other machines too.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: IpAddr,
        /// An overrides file (TOML): the items it skips or leaves out of `keep_folders` are not
        /// served, as the client generated with it does not have them.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

/// What `generate` and `check` work on.
#[derive(Args)]
struct Target {
    /// The Postman collection: a .json file, or a v3 collection folder (the one holding
    /// .resources/definition.yaml and the *.request.yaml files).
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
    /// A Postman environment file (.json, or .environment.yaml beside a v3 collection) whose
    /// values the collection's variables take.
    #[arg(long)]
    environment: Option<PathBuf>,
    /// Generate a blocking client (reqwest::blocking, plain `fn`s) instead of the async one.
    #[arg(long)]
    blocking: bool,
    /// Make each top-level folder a cargo feature of the crate (all on by default).
    #[arg(long)]
    features_per_folder: bool,
    /// Derive both Serialize and Deserialize on every type, not only what the client uses
    /// (the crate's `serde-both-ways` feature does the same for its users).
    #[arg(long)]
    serde_both_ways: bool,
    /// Which fields of response types are `Option`: every one (`optional`, the default), or
    /// only those some sample lacks or nulls (`observed`). Wins over the overrides file.
    #[arg(long, value_name = "POLICY")]
    response_fields: Option<Policy>,
    /// Which fields of request bodies are `Option` (not sent when `None`): every one the
    /// collection does not mark required (`optional`, the default), or only those the sample
    /// lacks (`observed`). PATCH bodies keep every field optional. Wins over the overrides file.
    #[arg(long, value_name = "POLICY")]
    request_fields: Option<Policy>,
}

/// A field policy on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Policy {
    Optional,
    Observed,
}

impl From<Policy> for FieldPolicy {
    fn from(policy: Policy) -> Self {
        match policy {
            Policy::Optional => FieldPolicy::Optional,
            Policy::Observed => FieldPolicy::Observed,
        }
    }
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
        config.blocking(self.blocking);
        config.features_per_folder(self.features_per_folder);
        config.serde_both_ways(self.serde_both_ways);
        if let Some(policy) = self.response_fields {
            config.response_fields(policy.into());
        }
        if let Some(policy) = self.request_fields {
            config.request_fields(policy.into());
        }
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
        Command::Mock {
            collection,
            port,
            bind,
            config,
        } => {
            let options = MockOptions {
                bind,
                port,
                log: verbosity >= Verbosity::Normal,
                overrides: config,
            };
            return run_mock(&collection, options, verbosity, style);
        }
    };
    result.unwrap_or_else(|error| fail(style.error(&error)))
}

/// Prints an error report and exits 2.
fn fail(report: String) -> ExitCode {
    eprint!("{report}");
    eprintln!();
    ExitCode::from(2)
}

fn run_generate(target: &Target, verbosity: Verbosity) -> Result<ExitCode, Error> {
    let started = Instant::now();
    // Each file is written (staged) as soon as it is printed, and the crate's text never held
    // whole; the writer compares each file with the one on disk, so --verbose can say what
    // changed.
    let Outcome {
        output: written,
        warnings,
    } = target
        .config()
        .write_crate(&target.collection, &target.out)?;
    report(&warnings, verbosity);
    if verbosity == Verbosity::Verbose {
        for change in &written.changes {
            eprintln!("  {change}");
        }
        eprintln!(
            "{} files generated, {} changed, {} warnings, in {:.1?}",
            written.files,
            written.changes.len(),
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
    let config = target.config();
    let Outcome {
        output: stale,
        warnings,
    } = config.check_crate(&target.collection, &target.out)?;
    report(&warnings, verbosity);
    if stale.is_empty() {
        if verbosity >= Verbosity::Normal {
            eprintln!("{} is up to date", target.out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    // The verdict is printed even with --quiet: exit 1 alone does not say what to do.
    // Generated again for the diffs: only on this path, and the check itself keeps no text.
    let files = config.crate_files(&target.collection)?.output;
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
    let mut inspection = config.inspect(&collection)?.output;
    if let Some(needle) = &find {
        inspection.retain_matching(needle);
    }
    if verbosity == Verbosity::Quiet {
        inspection.general_warnings.clear();
        for item in &mut inspection.items {
            item.warnings.clear();
        }
    }
    // A reader that stops early (`inspect … | head`) is no failure; `print!` would panic.
    match write!(std::io::stdout().lock(), "{inspection}") {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => {
            eprintln!("error: cannot write the inspection to standard output: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn run_mock(
    collection: &Path,
    options: MockOptions,
    verbosity: Verbosity,
    style: Style,
) -> ExitCode {
    let served = mock::serve(collection, options, |running| {
        report(running.warnings(), verbosity);
        // Alone on the first line of stdout, so a script can read it (port 0 picks the port).
        println!("{}", running.url());
        if verbosity >= Verbosity::Normal {
            let also = match running.base_path() {
                "" => String::new(),
                path => format!(", also under {path}"),
            };
            eprintln!(
                "serving {} routes from {}{also}; Ctrl-C to stop",
                running.route_count(),
                collection.display()
            );
        }
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        // Errors in the collection or the overrides look as they do for the other commands.
        Err(mock::Error::Load(error)) => fail(style.error(&error)),
        Err(other) => fail(style.plain(&other.to_string())),
    }
}

fn report(warnings: &[Warning], verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet {
        return;
    }
    for warning in warnings {
        eprintln!("{warning}");
    }
}
