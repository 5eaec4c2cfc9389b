//! The studio's door: one thread that accepts every connection and holds
//! it, costing no thread of its own, until the head of its request has
//! come and the guard has let it in; only then is it answered on a thread,
//! or joined to the pages listening for events. Connections not yet let in
//! are few and short-lived: when there are too many, the one that has
//! waited longest is closed, so idle connections opened by anyone on the
//! machine can never keep the officer's page out. The door also watches
//! the event streams, to free a closed page's place at once.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::studio::guard::Access;
use crate::studio::http::{self, HEAD_LIMIT, Request, Response};
use crate::studio::{Studio, events, ready, routes};

/// How many connections may wait at the door, their requests not yet let
/// in. One more, and the one that has waited longest is closed.
pub const MOST_WAITING: usize = 32;

/// How long a connection may take to send its request's head. A browser
/// sends it at once.
pub const HEAD_TIME: Duration = Duration::from_secs(5);

/// How long a request may take to arrive whole, body and all.
const REQUEST_TIME: Duration = Duration::from_secs(15);

/// How long an answer may take to be taken by the client.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// How many requests let in are answered at once; more are refused.
const MOST_AT_ONCE: usize = 48;

/// A connection whose request's head is still coming.
struct Waiting {
    stream: TcpStream,
    arrived: Instant,
    buffer: Vec<u8>,
}

/// What became of a waiting connection, once looked at.
enum Next {
    Wait(Waiting),
    Done,
}

/// Accepts and sorts connections until `stop` is set.
pub(crate) fn run(listener: &TcpListener, studio: &Arc<Studio>, stop: &AtomicBool) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let busy = Arc::new(AtomicUsize::new(0));
    let mut waiting: VecDeque<Waiting> = VecDeque::new();
    while !stop.load(Ordering::Relaxed) {
        let pages = studio.hub.open();
        // The first to come is the first whose time runs out.
        let timeout = waiting.front().map(|first| deadline(first).saturating_duration_since(Instant::now()));
        let sockets: Vec<&TcpStream> =
            waiting.iter().map(|one| &one.stream).chain(pages.iter().map(|(_, stream)| &**stream)).collect();
        let ready = ready::wait(listener, &sockets, timeout);
        let (for_waiting, for_pages) = ready.sockets.split_at(waiting.len());
        let_closed_pages_go(studio, &pages, for_pages);
        // Those already waiting are seen to before anyone new comes in.
        waiting = std::mem::take(&mut waiting)
            .into_iter()
            .zip(for_waiting)
            .filter_map(|(one, ready)| match look(studio, &busy, one, *ready) {
                Next::Wait(one) => Some(one),
                Next::Done => None,
            })
            .collect();
        if ready.listener {
            accept(listener, studio, &busy, &mut waiting);
        }
    }
    Ok(())
}

/// Frees the places of the pages that closed their event streams, among
/// `pages` whose sockets are `ready`.
fn let_closed_pages_go(studio: &Studio, pages: &[(u64, Arc<TcpStream>)], ready: &[bool]) {
    for ((id, stream), _) in pages.iter().zip(ready).filter(|(_, ready)| **ready) {
        if events::closed(stream) {
            studio.hub.forget(*id);
        }
    }
}

/// When the connection `one` must have sent its request's head.
fn deadline(one: &Waiting) -> Instant {
    one.arrived + HEAD_TIME
}

/// Accepts the connections that have come, oldest waiting closed when the
/// door is full.
fn accept(
    listener: &TcpListener,
    studio: &Arc<Studio>,
    busy: &Arc<AtomicUsize>,
    waiting: &mut VecDeque<Waiting>,
) {
    // A few at a time, so that those waiting are read between.
    for _ in 0..MOST_WAITING {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(error) if error.kind() == ErrorKind::WouldBlock => return,
            // A connection reset before it was accepted, or the system out
            // of file handles for a moment: a pause, not a busy loop.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                return;
            }
        };
        if stream.set_nonblocking(true).is_err() {
            continue;
        }
        let one = Waiting { stream, arrived: Instant::now(), buffer: Vec::new() };
        // Its request has usually come with it.
        if let Next::Wait(one) = look(studio, busy, one, true) {
            waiting.push_back(one);
        }
        while waiting.len() > MOST_WAITING {
            let Some(oldest) = waiting.pop_front() else { break };
            // Its request may have come since it was last looked at.
            if let Next::Wait(oldest) = look(studio, busy, oldest, true) {
                let _ = oldest.stream.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Reads what the connection `one` has sent, when `ready`, and lets its
/// request in once its head has come; refuses it when too late or too long.
fn look(studio: &Arc<Studio>, busy: &Arc<AtomicUsize>, mut one: Waiting, ready: bool) -> Next {
    if ready && !read_some(&mut one) {
        return Next::Done;
    }
    if let Some(end) = http::head_end(&one.buffer) {
        let body = one.buffer.split_off(end);
        let admitted = http::parse_head(&one.buffer).and_then(|(request, length)| {
            let access = studio.guard.admit(&request)?;
            Ok((request, length, access))
        });
        match admitted {
            Ok((request, length, access)) => {
                let_in(studio, busy, one, request, Admitted { length, body, access })
            }
            Err(refused) => refuse(one.stream, &refused),
        }
        return Next::Done;
    }
    if one.buffer.len() > HEAD_LIMIT {
        refuse(one.stream, &Response::error(431, "the request's headers are too long"));
        return Next::Done;
    }
    if Instant::now() >= deadline(&one) {
        refuse(one.stream, &Response::error(408, "the request was not sent in time"));
        return Next::Done;
    }
    Next::Wait(one)
}

/// Reads what has come on `one`, without waiting; false when the client
/// has gone.
fn read_some(one: &mut Waiting) -> bool {
    let mut chunk = [0u8; 4096];
    while one.buffer.len() <= HEAD_LIMIT && http::head_end(&one.buffer).is_none() {
        match one.stream.read(&mut chunk) {
            Ok(0) => return false,
            Ok(read) => one.buffer.extend_from_slice(&chunk[..read]),
            Err(error) if error.kind() == ErrorKind::WouldBlock => return true,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return false,
        }
    }
    true
}

/// A request let in: how long its body is, the part of it already read,
/// and what it may reach.
struct Admitted {
    length: usize,
    body: Vec<u8>,
    access: Access,
}

/// Answers a request let in: events join the hub; anything else is
/// answered on a thread of its own.
fn let_in(
    studio: &Arc<Studio>,
    busy: &Arc<AtomicUsize>,
    one: Waiting,
    mut request: Request,
    admitted: Admitted,
) {
    let Admitted { length, body, access } = admitted;
    if access == Access::Token && request.method == "GET" && request.path == "/api/events" {
        studio.hub.join(one.stream);
        return;
    }
    let Some(seat) = Seat::take(busy) else {
        refuse(one.stream, &Response::error(503, "the studio is busy: try again"));
        return;
    };
    let studio = Arc::clone(studio);
    let mut stream = one.stream;
    let deadline = one.arrived + REQUEST_TIME;
    std::thread::spawn(move || {
        let response = match receive(&mut stream, &mut request, length, body, deadline) {
            Ok(()) => routes::route(&studio, &request, &access),
            Err(refused) => refused,
        };
        let _ = response.send(&mut stream);
        drop(seat);
    });
}

/// One of the requests answered at once, given back when its answer is
/// sent, or when answering it fails.
struct Seat(Arc<AtomicUsize>);

impl Seat {
    fn take(busy: &Arc<AtomicUsize>) -> Option<Self> {
        if busy.fetch_add(1, Ordering::AcqRel) >= MOST_AT_ONCE {
            busy.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Self(Arc::clone(busy)))
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Reads the body of a request let in, by `deadline`.
fn receive(
    stream: &mut TcpStream,
    request: &mut Request,
    length: usize,
    body: Vec<u8>,
    deadline: Instant,
) -> Result<(), Response> {
    stream
        .set_nonblocking(false)
        .and_then(|()| stream.set_write_timeout(Some(WRITE_TIME)))
        .map_err(|_| Response::error(500, "the connection failed"))?;
    http::read_body(stream, request, length, body, deadline)
}

/// Sends `response` on a connection not let in, and closes it. What the
/// client sent beyond the head is read first where it has come, so that
/// closing does not reset the connection before the answer is read.
fn refuse(mut stream: TcpStream, response: &Response) {
    let mut scrap = [0u8; 16 * 1024];
    for _ in 0..64 {
        if !matches!(stream.read(&mut scrap), Ok(read) if read > 0) {
            break;
        }
    }
    // The answer is small and the connection new: it is taken at once.
    if stream.set_nonblocking(false).is_ok()
        && stream.set_write_timeout(Some(Duration::from_millis(200))).is_ok()
    {
        let _ = response.send(&mut stream);
    }
    let _ = stream.shutdown(Shutdown::Write);
}
