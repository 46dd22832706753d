//! A second thread that prints chunks of items while the first one goes on emitting.
//!
//! Printing (`syn` parsing the emitted tokens, then `prettyplease`) is more than half a run's
//! work, and emission has to stay on one thread (inference names types in the order it meets
//! them). Token streams cannot cross threads (`proc_macro2` is `!Send`), so a chunk travels as
//! its tokens' text and the helper lexes it again: a little more work in all, done beside
//! emission. Which thread prints a chunk changes nothing in the output: chunks are joined by
//! their place in the file, and text lexed back gives the same tokens.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::Scope;

use super::stream::Key;

/// A chunk's text, for the helper to print.
struct Job {
    key: Key,
    text: String,
}

/// A printed chunk, or the parse error's message.
pub(crate) type Done = (Key, Result<String, String>);

/// The printing thread, as seen from the emitting one.
pub(crate) struct Helper {
    jobs: Sender<Job>,
    done: Receiver<Done>,
    /// Chunks sent and not yet received back.
    outstanding: usize,
}

/// Chunks the helper may have queued before the emitting thread prints the next one itself:
/// enough to keep it busy, few enough that both threads are done at about the same time.
const QUEUE: usize = 4;

impl Helper {
    /// Starts the helper in `scope`, or `None` on a machine with one core, where it could only
    /// slow the emitting thread down.
    pub(crate) fn spawn<'scope>(scope: &'scope Scope<'scope, '_>) -> Option<Self> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if cores < 2 {
            return None;
        }
        let (jobs, queue) = channel::<Job>();
        let (finished, done) = channel();
        scope.spawn(move || {
            // Ends when the emitting thread drops its sender: when printing is over, or failed.
            for job in queue {
                if finished.send((job.key, print_text(&job.text))).is_err() {
                    break;
                }
            }
        });
        Some(Self {
            jobs,
            done,
            outstanding: 0,
        })
    }

    /// Whether the helper has room for another chunk.
    pub(crate) fn has_room(&mut self, received: &mut Vec<Done>) -> bool {
        let before = received.len();
        received.extend(self.done.try_iter());
        self.outstanding -= received.len() - before;
        self.outstanding < QUEUE
    }

    pub(crate) fn send(&mut self, key: Key, text: String) {
        // A send fails only if the helper is gone, i.e. panicked: the scope reports that.
        if self.jobs.send(Job { key, text }).is_ok() {
            self.outstanding += 1;
        }
    }

    /// Every chunk not received yet, waiting for the helper to print them.
    pub(crate) fn finish(self) -> Vec<Done> {
        drop(self.jobs);
        self.done.into_iter().collect()
    }
}

fn print_text(text: &str) -> Result<String, String> {
    let file: syn::File = syn::parse_str(text).map_err(|error| error.to_string())?;
    Ok(prettyplease::unparse(&file))
}
