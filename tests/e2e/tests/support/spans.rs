//! A `tracing` subscriber that keeps every span it is given, with its fields as last
//! recorded: what a test reads the generated client's `call` spans from.
//!
//! It is installed once, as the global default, and keeps the spans of the threads that asked
//! for them ([`Spans::install`]). A subscriber per test thread (`set_default`) loses spans to
//! the callsite cache whenever another test's thread, without one, meets the callsite first.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Debug;
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// One span: its name and its fields, each as its value prints.
#[derive(Debug, Clone)]
pub struct Span {
    pub name: &'static str,
    pub fields: BTreeMap<String, String>,
}

impl Span {
    /// The value of `field`, `""` when it was never recorded.
    pub fn field(&self, field: &str) -> &str {
        self.fields.get(field).map_or("", String::as_str)
    }
}

/// The spans opened on one thread since [`Spans::install`].
pub struct Spans {
    thread: ThreadId,
}

/// Keeps the spans of its thread until dropped.
pub struct Listening {
    thread: ThreadId,
}

impl Drop for Listening {
    fn drop(&mut self) {
        recorder()
            .lock()
            .expect("not poisoned")
            .listening
            .remove(&self.thread);
    }
}

impl Spans {
    /// Starts keeping the spans of this thread, until the guard is dropped.
    pub fn install() -> (Spans, Listening) {
        static INSTALLED: OnceLock<()> = OnceLock::new();
        INSTALLED.get_or_init(|| {
            tracing::subscriber::set_global_default(Recorder)
                .expect("no other global subscriber in the e2e tests");
        });
        let thread = std::thread::current().id();
        recorder()
            .lock()
            .expect("not poisoned")
            .listening
            .insert(thread);
        (Spans { thread }, Listening { thread })
    }

    /// The spans named `name`, in the order they were opened.
    pub fn named(&self, name: &str) -> Vec<Span> {
        let recorded = recorder().lock().expect("not poisoned");
        recorded
            .spans
            .iter()
            .filter(|(thread, span)| *thread == Some(self.thread) && span.name == name)
            .map(|(_, span)| span.clone())
            .collect()
    }
}

/// Every span, with the thread that opened it when that thread was listening.
#[derive(Default)]
struct Recorded {
    listening: HashSet<ThreadId>,
    spans: Vec<(Option<ThreadId>, Span)>,
}

fn recorder() -> &'static Mutex<Recorded> {
    static RECORDED: OnceLock<Mutex<Recorded>> = OnceLock::new();
    RECORDED.get_or_init(Mutex::default)
}

/// Writes the fields it visits into a span's map.
struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

struct Recorder;

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut recorded = recorder().lock().expect("not poisoned");
        let thread = std::thread::current().id();
        let thread = recorded.listening.contains(&thread).then_some(thread);
        let mut span = Span {
            name: attributes.metadata().name(),
            fields: BTreeMap::new(),
        };
        attributes.record(&mut Fields(&mut span.fields));
        recorded.spans.push((thread, span));
        Id::from_u64(recorded.spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut recorded = recorder().lock().expect("not poisoned");
        let index = usize::try_from(id.into_u64() - 1).expect("a small index");
        values.record(&mut Fields(&mut recorded.spans[index].1.fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
