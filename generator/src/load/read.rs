//! Bytes → text, before any JSON is parsed: the size limit, the byte-order mark and UTF-8.
//!
//! Collections come from strangers, so the file is read through a bounded reader: a path that
//! names a pipe or a device such as `/dev/zero` (whose metadata says nothing about its length)
//! stops at the limit instead of filling the memory.

use std::io::Read;
use std::path::Path;

use super::locate::position_of;
use crate::{Error, Location};

/// The largest collection file postman-codegen reads: 128 MiB.
///
/// The largest real collection in `collections/` (GitHub's v3 API, 623 requests and 1,579 saved
/// responses) is 4 MiB; 128 MiB leaves room for exports thirty times larger, such as the 89 MB
/// synthetic collection of 50,000 requests the benchmarks generate, while bounding a run's
/// memory (a few times the file's size, see BENCHMARKS.md) against a hostile input.
pub const MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

/// [`MAX_FILE_SIZE`] in MiB, for messages.
const MAX_FILE_MIB: u64 = MAX_FILE_SIZE >> 20;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads at most [`MAX_FILE_SIZE`] bytes of `path`; more is an error, not a truncation.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    // The buffer is sized from the metadata when there is one: grown by doubling it would
    // hold up to twice the file while the collection is parsed from it.
    let mut capacity = 0;
    // Metadata first: a 100 MB file is refused without reading it.
    if let Ok(metadata) = file.metadata() {
        if metadata.is_dir() {
            return Err(Error::Invalid {
                location: Box::new(file_only(path)),
                message: "this is a folder, not a collection file".to_owned(),
                help: "give the path of the collection's .json file (in Postman: Export on the collection, \"Collection v2.1\")".to_owned(),
            });
        }
        if metadata.is_file() && metadata.len() > MAX_FILE_SIZE {
            return Err(too_large(path, metadata.len()));
        }
        if metadata.is_file() {
            capacity = usize::try_from(metadata.len()).unwrap_or(0);
        }
    }
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    check_size(&bytes, path)?;
    Ok(bytes)
}

/// `bytes` as text: at most [`MAX_FILE_SIZE`], without a UTF-8 byte-order mark, valid UTF-8.
pub(super) fn text<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str, Error> {
    check_size(bytes, file)?;
    // Some Windows editors start UTF-8 files with a byte-order mark, which JSON does not allow
    // and which no editor shows; it is dropped rather than reported.
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| not_utf8(bytes, error.valid_up_to(), file))
}

fn check_size(bytes: &[u8], path: &Path) -> Result<(), Error> {
    match u64::try_from(bytes.len()) {
        Ok(len) if len <= MAX_FILE_SIZE => Ok(()),
        Ok(len) => Err(too_large(path, len)),
        Err(_) => Err(too_large(path, u64::MAX)),
    }
}

fn too_large(path: &Path, len: u64) -> Error {
    // Lossy on purpose: the size is for people, one decimal is plenty.
    #[allow(clippy::cast_precision_loss)]
    let mib = len as f64 / (1024.0 * 1024.0);
    let size = if len > MAX_FILE_SIZE + 1 {
        format!("{mib:.1} MiB")
    } else {
        // Read through a bounded reader: only "more than the limit" is known.
        format!("more than {MAX_FILE_MIB} MiB")
    };
    Error::Invalid {
        location: Box::new(file_only(path)),
        message: format!(
            "the file is {size}; postman-codegen reads collections of at most {MAX_FILE_MIB} MiB"
        ),
        help: "check that this is the right file (the largest known Postman exports are a few MiB); for a real collection this large, delete saved example responses you do not need or split it into several collections".to_owned(),
    }
}

/// The error for bytes that are valid UTF-8 up to `valid_up_to`.
fn not_utf8(bytes: &[u8], valid_up_to: usize, path: &Path) -> Error {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    // The valid prefix is text, so the line and column of the bad byte can be counted on it.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let at = position_of(prefix, prefix.len());
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    let (message, help) = if utf16 {
        (
            "the file is UTF-16 text, not UTF-8".to_owned(),
            "save it as UTF-8 (Postman exports are UTF-8); most editors offer the encoding in \"Save as\"",
        )
    } else {
        (
            format!(
                "the file is not valid UTF-8: byte 0x{byte:02X} at byte offset {valid_up_to} does not belong to a UTF-8 character"
            ),
            "save the file as UTF-8 (Postman exports are UTF-8): it was probably written in another encoding such as Latin-1 or Windows-1252, or is not a text file",
        )
    };
    Error::Invalid {
        location: Box::new(Location {
            file: path.to_owned(),
            line: Some(at.line),
            column: Some(at.column),
            pointer: None,
        }),
        message,
        help: help.to_owned(),
    }
}

fn file_only(path: &Path) -> Location {
    Location {
        file: path.to_owned(),
        line: None,
        column: None,
        pointer: None,
    }
}
