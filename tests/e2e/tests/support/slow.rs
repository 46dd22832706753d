//! A server on 127.0.0.1 that sends a body in chunks with a pause between them, for streamed
//! downloads that outlast the client's timeout.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

/// The chunks [`slow_chunked_server`] sends, in order; together, [`slow_body`].
pub const CHUNKS: [&[u8]; 4] = [b"%PDF-1.7\n", b"part two\n", b"part three\n", b"%%EOF\n"];

/// The whole body of [`slow_chunked_server`].
pub fn slow_body() -> Vec<u8> {
    CHUNKS.concat()
}

/// `http://127.0.0.1:<port>`: a server that answers every connection with a `200` whose body
/// is [`CHUNKS`], in chunked encoding, waiting `pause` before each chunk. It runs until the
/// test process ends.
pub fn slow_chunked_server(pause: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || answer_slowly(stream, pause));
        }
    });
    format!("http://{address}")
}

fn answer_slowly(mut stream: std::net::TcpStream, pause: Duration) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    // The request head; the downloads have no body.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
    // A client that gave up closes the connection: writing then fails, which ends this thread.
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    for chunk in CHUNKS {
        std::thread::sleep(pause);
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        if stream
            .write_all(&framed)
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
}
