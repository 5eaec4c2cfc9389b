//! Telling every open page what happened: files changed on disk, a build's
//! progress. Each page listens with server-sent events. A stream costs no
//! thread: the hub writes to each page's connection as things happen, and
//! the door (see `door`) watches them all, so a page that closes gives up
//! its place at once.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::studio::http::{NOTHING_RUNS, SAFETY_HEADERS};

/// How many pages may listen at once. One more, and the one that has
/// listened longest is let go: a page still open reconnects by itself.
pub const MOST_PAGES: usize = 16;

/// The pages listening, each with a number of its own, oldest first.
#[derive(Default)]
pub struct Hub {
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    next: u64,
    open: VecDeque<(u64, Arc<TcpStream>)>,
}

impl Hub {
    fn pages(&self) -> MutexGuard<'_, Pages> {
        self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts the stream of events to the page on `stream`, a connection
    /// whose request has been read and let in.
    pub fn join(&self, stream: TcpStream) {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Security-Policy: {NOTHING_RUNS}\r\n\
             {SAFETY_HEADERS}Connection: keep-alive\r\n\r\nretry: 1000\n\n"
        );
        // Written without waiting: a page that cannot take even this is gone.
        if stream.set_nonblocking(true).is_err() || (&stream).write_all(head.as_bytes()).is_err() {
            return;
        }
        let mut pages = self.pages();
        pages.next += 1;
        let id = pages.next;
        pages.open.push_back((id, Arc::new(stream)));
        while pages.open.len() > MOST_PAGES {
            if let Some((_, oldest)) = pages.open.pop_front() {
                let _ = oldest.shutdown(Shutdown::Both);
            }
        }
    }

    /// Tells every page the event `name` with `data`. A page that cannot
    /// take it now, having read nothing for long, is let go.
    pub fn tell(&self, name: &str, data: &serde_json::Value) {
        let message = format!("event: {name}\ndata: {data}\n\n");
        self.pages().open.retain(|(_, stream)| {
            let sent = (&**stream).write_all(message.as_bytes()).is_ok();
            if !sent {
                let _ = stream.shutdown(Shutdown::Both);
            }
            sent
        });
    }

    /// The streams open now, for the door to watch.
    pub fn open(&self) -> Vec<(u64, Arc<TcpStream>)> {
        self.pages().open.iter().cloned().collect()
    }

    /// Lets the page `id` go: its connection is closed.
    pub fn forget(&self, id: u64) {
        self.pages().open.retain(|(known, stream)| {
            if *known == id {
                let _ = stream.shutdown(Shutdown::Both);
            }
            *known != id
        });
    }
}

/// Whether the page on `stream`, whose socket the system says has
/// something to tell, has closed it. A page sends nothing on an event
/// stream, so anything sent is read and dropped.
pub fn closed(mut stream: &TcpStream) -> bool {
    let mut scrap = [0u8; 512];
    for _ in 0..16 {
        match stream.read(&mut scrap) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        }
    }
    false
}
