//! Waiting for any of many sockets at once, without a thread for each:
//! `poll(2)`. The door reads and accepts without blocking, so being told a
//! socket is ready is only a hint of where to look.

use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// What became ready: the listener (a connection to accept), and each of
/// the sockets, in the order given.
pub struct Ready {
    pub listener: bool,
    pub sockets: Vec<bool>,
}

/// Waits until `listener` has a connection or one of `sockets` has
/// something to read (or was closed), or `timeout` passes (`None`: no end).
#[cfg(unix)]
pub fn wait(listener: &TcpListener, sockets: &[&TcpStream], timeout: Option<Duration>) -> Ready {
    use std::os::fd::AsRawFd;
    let watch = |fd| libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    let mut fds: Vec<libc::pollfd> = std::iter::once(watch(listener.as_raw_fd()))
        .chain(sockets.iter().map(|socket| watch(socket.as_raw_fd())))
        .collect();
    // Rounded up, so that a deadline a fraction of a millisecond away is
    // not waited for with a busy loop.
    let millis = timeout.map_or(-1, |timeout| timeout.as_micros().div_ceil(1000).min(60_000) as libc::c_int);
    // SAFETY: `fds` is a live array of `fds.len()` pollfd structures.
    let found = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
    if found <= 0 {
        // Timed out, or a signal came: nothing to look at.
        return Ready { listener: false, sockets: vec![false; sockets.len()] };
    }
    Ready { listener: fds[0].revents != 0, sockets: fds[1..].iter().map(|fd| fd.revents != 0).collect() }
}

/// Elsewhere, a short sleep, then everything is looked at.
#[cfg(not(unix))]
pub fn wait(_: &TcpListener, sockets: &[&TcpStream], timeout: Option<Duration>) -> Ready {
    let nap = Duration::from_millis(10);
    std::thread::sleep(timeout.map_or(nap, |timeout| timeout.min(nap)));
    Ready { listener: true, sockets: vec![true; sockets.len()] }
}
