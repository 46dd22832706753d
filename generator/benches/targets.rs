//! The generation targets of issue 9, checked: `cargo bench -p postman-codegen --bench targets`.
//!
//! For each input it prints the median CPU time of every stage over several runs, the total
//! divided by the time serde_json takes to parse the same file into a `Value` (target ≤ 4×),
//! the peak RSS of a whole `generate` run in a child process divided by the file size (target
//! ≤ 6×), and for the synthetic collections how time and memory grow with the request count
//! (10× the requests → ≤ 11× the time). Each line ends in PASS or MISS; the bench itself never
//! fails, since a number measured on a loaded machine is a report, not a verdict.
//!
//! Times are CPU time, not wall time: the benchmark machine has 2 cores shared with other
//! builds, and CPU time is far less disturbed by them. The table's is the whole process's
//! (`CLOCK_PROCESS_CPUTIME_ID`), so that work moved to another thread still counts; the line
//! below gives the wall time and the calling thread's CPU time (`/proc/thread-self/schedstat`),
//! which tell whether such a thread shortened the run.
//! Linux only, like the peak RSS (`VmHWM` in `/proc/self/status`).
//!
//! `targets --run parse|tree|pipeline|rss|rss-write|rss-stages FILE [OVERRIDES]` runs one thing
//! once, for `valgrind --tool=callgrind` (instruction counts) or for the memory measurement
//! (`rss`: the files kept in memory, as `Config::crate_files`; `rss-write`: written to a
//! temporary folder as they are printed, as the CLI's `generate`);
//! `targets --write-synthetic N FILE` writes the synthetic collection of N requests.

mod support;

// As the CLI allocates (src/bin/postman-codegen/main.rs): glibc's allocator makes large runs
// superlinear, and the CLI is how large collections are generated. Built with
// `TARGETS_ALLOCATOR=system` in the environment, the bench uses glibc's instead, to compare.
// Either way wrapped in a counter of live heap bytes, which `rss-stages` prints beside the RSS:
// the RSS says what the run costs, the heap says which data it is (the allocator's own reserve
// and fragmentation are the difference).
#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    /// `TARGETS_ALLOCATOR=system` at build time (`str` equality is not `const` in Rust 1.85).
    const SYSTEM: bool = match option_env!("TARGETS_ALLOCATOR") {
        Some(name) => matches!(name.as_bytes(), b"system"),
        None => false,
    };

    /// Which allocator the bench was built with, for its report.
    pub fn name() -> &'static str {
        if SYSTEM { "glibc" } else { "mimalloc" }
    }

    /// Live heap bytes now, and the most there were so far.
    pub fn live_and_peak() -> (usize, usize) {
        (LIVE.load(Relaxed), PEAK.load(Relaxed))
    }

    pub struct Counting;

    fn grew(size: usize) {
        let live = LIVE.fetch_add(size, Relaxed) + size;
        PEAK.fetch_max(live, Relaxed);
    }

    // SAFETY: every call goes to one of two allocators chosen at compile time, so memory is
    // always freed by the allocator that gave it.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            // SAFETY: the caller's contract, passed on.
            unsafe {
                if SYSTEM {
                    System.alloc(layout)
                } else {
                    mimalloc::MiMalloc.alloc(layout)
                }
            }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            // SAFETY: the caller's contract, passed on.
            unsafe {
                if SYSTEM {
                    System.alloc_zeroed(layout)
                } else {
                    mimalloc::MiMalloc.alloc_zeroed(layout)
                }
            }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Relaxed);
            // SAFETY: the caller's contract, passed on.
            unsafe {
                if SYSTEM {
                    System.dealloc(ptr, layout)
                } else {
                    mimalloc::MiMalloc.dealloc(ptr, layout)
                }
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
            // SAFETY: the caller's contract, passed on.
            unsafe {
                if SYSTEM {
                    System.realloc(ptr, layout, new_size)
                } else {
                    mimalloc::MiMalloc.realloc(ptr, layout, new_size)
                }
            }
        }
    }
}

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use support::Input;

/// Nanoseconds this thread has run on a CPU.
fn cpu_ns() -> u64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    text.split_whitespace()
        .next()
        .and_then(|ns| ns.parse().ok())
        .expect("schedstat starts with the run time in ns")
}

/// Peak resident set size of this process, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM in /proc/self/status")
        * 1024
}

/// Nanoseconds every thread of this process has run on a CPU, ended threads included.
fn process_cpu_ns() -> u64 {
    let time = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    time.tv_sec as u64 * 1_000_000_000 + time.tv_nsec as u64
}

/// What one stage took, in seconds.
#[derive(Debug, Clone, Copy, Default)]
struct Took {
    /// CPU time of every thread: the work done.
    cpu: f64,
    /// CPU time of the calling thread: with a second core free, about the wall time.
    thread: f64,
    wall: f64,
}

/// Times `f`, keeping its result alive until every clock is read.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Took) {
    let (cpu, thread, wall) = (process_cpu_ns(), cpu_ns(), Instant::now());
    let result = std::hint::black_box(f());
    let took = Took {
        cpu: (process_cpu_ns() - cpu) as f64 / 1e9,
        thread: (cpu_ns() - thread) as f64 / 1e9,
        wall: wall.elapsed().as_secs_f64(),
    };
    (result, took)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Medians: CPU seconds (all threads) of parsing into a `Value` and of each stage; calling
/// thread and wall seconds of both ends.
struct Timings {
    parse: f64,
    stages: [f64; STAGES],
    total_thread: f64,
    parse_wall: f64,
    total_wall: f64,
}

/// The stages timed: loading, the model, and inference, emission and printing together (each
/// module is printed as soon as it is emitted, so they have no seam).
const STAGES: usize = 3;

impl Timings {
    fn total(&self) -> f64 {
        self.stages.iter().sum()
    }
}

fn measure(input: &Input, runs: usize) -> Timings {
    let text = std::fs::read_to_string(&input.path).expect("read the collection");
    let overrides = input.overrides();
    let (mut parse, mut parse_wall) = (Vec::new(), Vec::new());
    let (mut total_thread, mut total_wall) = (Vec::new(), Vec::new());
    let mut stages: [Vec<f64>; STAGES] = Default::default();
    for _ in 0..runs {
        let (value, took) = timed(|| support::parse_value(&text));
        drop(value);
        parse.push(took.cpu);
        parse_wall.push(took.wall);
        let (collection, load) = timed(|| support::load(&input.path));
        let (api, model) = timed(|| support::model(&collection, &overrides));
        drop(collection);
        let (files, emit) = timed(|| support::emit_print(api, &overrides));
        drop(files);
        let took = [load, model, emit];
        for (list, took) in stages.iter_mut().zip(took) {
            list.push(took.cpu);
        }
        total_thread.push(took.iter().map(|t| t.thread).sum());
        total_wall.push(took.iter().map(|t| t.wall).sum());
    }
    Timings {
        parse: median(parse),
        stages: stages.map(median),
        total_thread: median(total_thread),
        parse_wall: median(parse_wall),
        total_wall: median(total_wall),
    }
}

/// Peak RSS of a fresh process that runs the whole pipeline on `input` once.
fn child_peak_rss(input: &Input) -> u64 {
    let mut command = Command::new(std::env::current_exe().expect("own path"));
    // Writing, as the CLI does: the crate's text is then never held whole.
    command.args(["--run", "rss-write"]).arg(&input.path);
    command.args(&input.overrides);
    let output = command.output().expect("run the child");
    assert!(output.status.success(), "child failed: {output:?}");
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .expect("the child prints its peak RSS")
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

fn child(mode: &str, path: PathBuf, overrides: Option<PathBuf>) {
    let input = Input {
        name: String::new(),
        path,
        overrides,
        requests: 0,
    };
    match mode {
        "parse" => {
            let text = std::fs::read_to_string(&input.path).expect("read the collection");
            std::hint::black_box(support::parse_value(&text));
        }
        // What the loader parses the text into (and all the load stage does before walking it).
        "tree" => {
            let text = std::fs::read_to_string(&input.path).expect("read the collection");
            let tree: serde_json_borrow::Value<'_> =
                serde_json::from_str(&text).expect("the collection is JSON");
            let (live, peak) = heap::live_and_peak();
            println!(
                "text and tree: heap {} MB live, {} MB peak; peak RSS {} MB",
                live >> 20,
                peak >> 20,
                peak_rss() >> 20
            );
            drop(tree);
        }
        "pipeline" => {
            std::hint::black_box(support::pipeline(&input));
        }
        "rss" => {
            std::hint::black_box(support::pipeline(&input));
            println!("{}", peak_rss());
        }
        "rss-write" => {
            support::pipeline_write(&input);
            println!("{}", peak_rss());
        }
        // Where the peak is reached: the peak so far after each stage, freeing what `Config`
        // frees (the collection while the model is built, the model and the samples before
        // printing).
        // Beside it the live heap after the stage and its peak so far (see `heap`).
        "rss-stages" => {
            let stage = |name: &str| {
                let (live, peak) = heap::live_and_peak();
                println!(
                    "{name:<6} {:>6} MB peak RSS, heap {:>6} MB live, {:>6} MB peak ({})",
                    peak_rss() >> 20,
                    live >> 20,
                    peak >> 20,
                    heap::name()
                );
            };
            let overrides = input.overrides();
            let collection = support::load(&input.path);
            stage("load");
            let api = support::model_owned(collection, &overrides);
            stage("model");
            std::hint::black_box(support::emit_print(api, &overrides));
            stage("emit+print");
        }
        _ => panic!("unknown child mode {mode:?}"),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("--run") => {
            let mode = args
                .next()
                .expect("a mode: parse, tree, pipeline, rss, rss-write or rss-stages");
            let path = args.next().expect("a collection path").into();
            return child(&mode, path, args.next().map(PathBuf::from));
        }
        Some("--write-synthetic") => {
            let requests = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a request count");
            let path = args.next().expect("a file to write");
            std::fs::write(path, support::synth::collection(requests)).expect("write it");
            return;
        }
        _ => {}
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at start (1, 5, 15 min): {}", load.trim());
    println!("CPU-time medians (all threads); stages: load, model, infer+emit+print\n");
    println!(
        "{:<16} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>12} {:>7}",
        "input", "MB", "runs", "Value", "load", "model", "emit", "total", "ratio", "RSS/in"
    );
    let mut inputs = support::real();
    inputs.extend(
        support::synthetic_sizes()
            .into_iter()
            .map(support::synthetic),
    );
    let mut synthetic = Vec::new();
    for input in &inputs {
        let size = input.size();
        let runs = if size > 20_000_000 { 3 } else { 7 };
        let t = measure(input, runs);
        let rss = child_peak_rss(input);
        let ratio = t.total() / t.parse;
        let memory = rss as f64 / size as f64;
        let ms = |s: f64| format!("{:.0}ms", s * 1e3);
        println!(
            "{:<16} {:>7.1} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>5.2}x {} {:>5.1}x {}",
            input.name,
            size as f64 / 1e6,
            runs,
            ms(t.parse),
            ms(t.stages[0]),
            ms(t.stages[1]),
            ms(t.stages[2]),
            ms(t.total()),
            ratio,
            verdict(ratio <= 4.0),
            memory,
            verdict(memory <= 6.0),
        );
        println!(
            "{:<16} wall medians: Value {:.0}ms, total {:.0}ms, ratio {:.2}x; calling thread's CPU {:.0}ms, ratio {:.2}x; peak RSS {:.0} MB",
            "",
            t.parse_wall * 1e3,
            t.total_wall * 1e3,
            t.total_wall / t.parse_wall,
            t.total_thread * 1e3,
            t.total_thread / t.parse,
            rss as f64 / 1e6
        );
        if input.requests > 0 {
            synthetic.push((input.requests, t.total(), rss));
        }
    }

    println!(
        "\nscaling of the synthetic collections (target: time and memory grow at most 1.1x as fast as the requests)"
    );
    for pair in synthetic.windows(2) {
        let [(n1, t1, m1), (n2, t2, m2)] = [pair[0], pair[1]];
        let requests = n2 as f64 / n1 as f64;
        let (time, memory) = (t2 / t1, m2 as f64 / m1 as f64);
        println!(
            "{n1} -> {n2} requests ({requests:.0}x): time {time:.2}x {}, peak RSS {memory:.2}x {}",
            verdict(time <= requests * 1.1),
            verdict(memory <= requests * 1.1),
        );
    }
}
