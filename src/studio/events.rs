//! Telling every open page what happened: files changed on disk, a build's
//! progress. Each page listens with server-sent events; a page that has
//! gone is dropped at the next thing told.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::studio::http::SAFETY_HEADERS;

/// How often a quiet stream is sent a comment, so that a page gone away is
/// noticed and a proxy keeps the stream open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The pages listening.
#[derive(Default)]
pub struct Hub {
    pages: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// Tells every page the event `name` with `data`.
    pub fn tell(&self, name: &str, data: &serde_json::Value) {
        let message = format!("event: {name}\ndata: {data}\n\n");
        let mut pages = self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pages.retain(|page| page.send(message.clone()).is_ok());
    }

    fn listen(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(sender);
        receiver
    }

    /// Streams every event to the page on `stream` until it goes away.
    pub fn stream(&self, stream: &mut TcpStream) {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n{SAFETY_HEADERS}Connection: keep-alive\r\n\r\nretry: 1000\n\n"
        );
        let events = self.listen();
        if stream.write_all(head.as_bytes()).and_then(|()| stream.flush()).is_err() {
            return;
        }
        loop {
            let message = match events.recv_timeout(KEEP_ALIVE) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_owned(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if stream.write_all(message.as_bytes()).and_then(|()| stream.flush()).is_err() {
                return;
            }
        }
    }
}
