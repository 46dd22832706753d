//! A one-shot HTTP server on the loopback interface for the tests in `tests/`: it answers one
//! connection with whatever bytes a test gives, malformed or not, which a mock server library
//! would not let a test send.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the server does with the one connection it takes.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Sends these bytes and closes.
    Bytes(Vec<u8>),
    /// Reads the request and holds the connection open this long without answering.
    Silence(Duration),
}

/// A server for one connection; `finish` says what it received.
pub struct OneShot {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    handle: JoinHandle<Option<Vec<u8>>>,
}

impl OneShot {
    /// Listens on a free loopback port; waits at most `wait` for the connection.
    pub fn start(reply: Reply, wait: Duration) -> OneShot {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        listener.set_nonblocking(true).unwrap();
        let handle = std::thread::spawn(move || {
            let deadline = Instant::now() + wait;
            let stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => return None,
                }
            };
            Some(serve(stream, reply))
        });
        OneShot { base_url, handle }
    }

    /// The request the server received (head and body), or `None` if nobody connected.
    pub fn finish(self) -> Option<Vec<u8>> {
        self.handle
            .join()
            .expect("the server thread does not panic")
    }
}

fn serve(mut stream: TcpStream, reply: Reply) -> Vec<u8> {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let request = read_request(&mut stream);
    match reply {
        Reply::Bytes(bytes) => {
            // The client may close first (e.g. after a bad status line): not the test's concern.
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
        }
        Reply::Silence(duration) => std::thread::sleep(duration),
    }
    request
}

/// The request head, and as much body as `content-length` announces.
fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&received, b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return received,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while received.len() < head_end + length {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
    received
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A complete HTTP/1.1 response with a correct `content-length`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Status\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
    out
}
