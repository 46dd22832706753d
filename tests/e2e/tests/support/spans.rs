//! A `tracing` subscriber that keeps every span it is given, with its fields as last
//! recorded: what a test reads the generated client's `call` spans from.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::DefaultGuard;
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

/// The spans opened on this thread since [`Spans::install`].
#[derive(Clone, Default)]
pub struct Spans(Arc<Mutex<Vec<Span>>>);

impl Spans {
    /// Starts keeping the spans of this thread, until the guard is dropped.
    pub fn install() -> (Spans, DefaultGuard) {
        let spans = Spans::default();
        let guard = tracing::subscriber::set_default(spans.clone());
        (spans, guard)
    }

    /// The spans named `name`, in the order they were opened.
    pub fn named(&self, name: &str) -> Vec<Span> {
        let spans = self.0.lock().expect("not poisoned");
        spans
            .iter()
            .filter(|span| span.name == name)
            .cloned()
            .collect()
    }
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

impl Subscriber for Spans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut spans = self.0.lock().expect("not poisoned");
        let mut span = Span {
            name: attributes.metadata().name(),
            fields: BTreeMap::new(),
        };
        attributes.record(&mut Fields(&mut span.fields));
        spans.push(span);
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut spans = self.0.lock().expect("not poisoned");
        let index = usize::try_from(id.into_u64() - 1).expect("a small index");
        values.record(&mut Fields(&mut spans[index].fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
