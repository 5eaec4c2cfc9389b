//! The drafting studio, `exec-report serve`: the folder's documents in a
//! browser, each edited beside its problems and its pages, both redrawn
//! from the text as it is typed, without writing the file until it is
//! saved. It listens on 127.0.0.1 alone, and answers only requests that
//! carry the token printed when it starts, or links it signed (see
//! `guard`); connections are sorted at its door (see `door`) without a
//! thread each.

mod built;
mod door;
mod events;
mod files;
mod guard;
pub mod http;
mod pages;
mod ready;
mod routes;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::watch::Watcher;

/// What the studio serves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folder of inputs whose documents are edited.
    pub root: PathBuf,
    /// The folder a build writes into.
    pub out: PathBuf,
    /// A council's own templates, as `build --templates` takes them.
    pub templates: Option<PathBuf>,
    /// The port to listen on; `None` for the folder's own port (see
    /// [`Server::bind`]), 0 for any free one.
    pub port: Option<u16>,
}

/// Everything the studio's requests share.
pub(crate) struct Studio {
    pub folder: files::Folder,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub guard: guard::Guard,
    pub hub: events::Hub,
    pub pages: pages::Pages,
    pub building: AtomicBool,
}

/// A studio listening, not yet answering.
pub struct Server {
    listener: TcpListener,
    studio: Arc<Studio>,
}

impl Server {
    /// Listens on 127.0.0.1 for the studio of `settings.root`.
    pub fn bind(settings: &Settings) -> Result<Self> {
        if !settings.root.is_dir() {
            anyhow::bail!(
                "`{}` is not a folder: name the folder of meetings to edit",
                settings.root.display()
            );
        }
        let listener = match settings.port {
            Some(port) => TcpListener::bind(("127.0.0.1", port)).with_context(|| match port {
                0 => "cannot listen on 127.0.0.1".to_owned(),
                port => format!("cannot listen on 127.0.0.1:{port}: is another program using the port? Try another `--port`"),
            })?,
            // The same folder is served on the same port each time while
            // it is free, so the page keeps its address, and the drafts the
            // browser keeps for it, from one day to the next.
            None => TcpListener::bind(("127.0.0.1", folder_port(&settings.root)))
                .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))
                .context("cannot listen on 127.0.0.1")?,
        };
        let port = listener.local_addr()?.port();
        let studio = Studio {
            folder: files::Folder::new(&settings.root),
            out: std::path::absolute(&settings.out).unwrap_or_else(|_| settings.out.clone()),
            templates: settings.templates.clone(),
            guard: guard::Guard::new(port)?,
            hub: events::Hub::default(),
            pages: pages::Pages::default(),
            building: AtomicBool::new(false),
        };
        Ok(Self { listener, studio: Arc::new(studio) })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|address| address.port()).unwrap_or_default()
    }

    /// The token every request must carry.
    pub fn token(&self) -> &str {
        self.studio.guard.token()
    }

    /// The address to open, with its token.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port(), self.token())
    }

    /// Answers requests until `stop` is set, telling the pages of every
    /// change on disk meanwhile.
    pub fn run(self, stop: &AtomicBool) -> Result<()> {
        let watcher = Watcher::start(self.studio.folder.dir(), Some(&self.studio.out))?;
        let studio = Arc::clone(&self.studio);
        std::thread::spawn(move || routes::tell_changes(&studio, watcher));
        // The door waits for connections; when `stop` is set, a
        // connection of its own wakes it to see the flag.
        let address = self.listener.local_addr()?;
        std::thread::scope(|scope| -> Result<()> {
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                }
                let _ = TcpStream::connect(address);
            });
            door::run(&self.listener, &self.studio, stop).context("the studio stopped answering")
        })?;
        // A build under way is let finish: its files are written whole
        // anyway, but its summary is worth having.
        while self.studio.building.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }
}

/// The port a folder is served on unless another is asked for: one of a
/// thousand above 8000, chosen by the folder's path.
fn folder_port(root: &Path) -> u16 {
    use sha2::Digest;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let digest = sha2::Sha256::digest(root.to_string_lossy().as_bytes());
    8000 + u16::from_be_bytes([digest[0], digest[1]]) % 1000
}

/// Serves the studio until Ctrl+C, printing its address first and opening
/// it in the browser when asked.
pub fn serve(settings: &Settings, open: bool) -> Result<()> {
    let server = Server::bind(settings)?;
    let url = server.url();
    let root = settings.root.display().to_string();
    // A folder's name may hold anything.
    println!("drafting studio for {}: open {url} (Ctrl+C stops it)", crate::terminal::clean(&root));
    if open {
        open_browser(&url);
    }
    let stop = interrupted();
    server.run(stop)?;
    println!("stopped");
    Ok(())
}

/// Opens `url` in the system's browser, or says how to.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if command.is_err() {
        eprintln!("note: could not open a browser: open the address above yourself");
    }
}

/// A flag set when the user presses Ctrl+C (or the process is asked to
/// stop), so that the studio stops between requests.
pub fn interrupted() -> &'static AtomicBool {
    static STOP: AtomicBool = AtomicBool::new(false);
    extern "C" fn on_signal(_: libc::c_int) {
        STOP.store(true, Ordering::Relaxed);
    }
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic, which is safe in a
    // signal handler.
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
    &STOP
}

/// The folder `name` names inside the served folder, when it is one.
fn folder_named(studio: &Studio, name: &str) -> Option<PathBuf> {
    let root = studio.folder.dir();
    if name.is_empty() {
        return Some(root.to_owned());
    }
    // Plain names only (no `..`, no root), then checked again once links
    // are followed.
    let path = Path::new(name);
    if path.components().any(|part| !matches!(part, std::path::Component::Normal(_))) {
        return None;
    }
    let joined = std::fs::canonicalize(root.join(path)).ok()?;
    (joined.starts_with(root) && joined.is_dir()).then_some(joined)
}
