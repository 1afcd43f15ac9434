//! A tiny static file server that is also the browser's HTTP proxy.
//!
//! Chromium is started with `--proxy-server` pointing here and with the implicit loopback
//! bypass removed, so *every* request the page makes reaches this server, including the ones
//! to our own origin. That lets a test assert that nothing leaves the origin: requests for
//! any other host are recorded and answered with `502`, `CONNECT` tunnels are refused.
//!
//! Only `std::net` and threads: one accept loop, one thread per connection.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Duration;

/// Hosts Chromium itself contacts in the background even with the harness's flags
/// (Debian's build, seen through the proxy): sign-in probes, component/extension update
/// checks, the default search engine's preconnect, the network time query. A request to one
/// of them is only excused when the page's own network log does not contain it; see
/// [`Server::requests_outside_origin`].
pub const BROWSER_BACKGROUND_HOSTS: &[&str] = &[
    "accounts.google.com",
    "update.googleapis.com",
    "clients2.google.com",
    "clientservices.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "start.duckduckgo.com",
    "duckduckgo.com",
];

/// The host of a recorded URL (`https://host:443/` → `host`).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    }
}

/// Requests that left the origin, split into Chromium's own background traffic and the rest.
#[derive(Clone, Debug, Default)]
pub struct Outside {
    /// To a [`BROWSER_BACKGROUND_HOSTS`] host that the page itself never asked for.
    pub background: Vec<String>,
    /// Everything else: these are the ones that matter.
    pub unexplained: Vec<String>,
}

/// A running server; stops accepting when dropped.
pub struct Server {
    addr: String,
    prefix: String,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    shared: Arc<Shared>,
}

struct Shared {
    /// The dist folder served; [`Server::serve_dir`] swaps it (a new deploy).
    root: RwLock<PathBuf>,
    prefix: String,
    host: String,
    log: Arc<Mutex<Vec<String>>>,
    /// Set by [`Server::set_refusing`]: every request is recorded, then its connection
    /// is closed without an answer, as if the network were gone.
    refusing: AtomicBool,
}

impl Server {
    /// Serves `dist` at the root of the origin (`http://127.0.0.1:PORT/`).
    pub fn start(dist: &Path) -> io::Result<Server> {
        Server::start_at(dist, "/")
    }

    /// Serves `dist` under `prefix` (like a Trunk build made with `--public-url prefix`):
    /// `/some/path/x` maps to `dist/x`, unknown extension-less paths under the prefix get
    /// `dist/index.html`, and anything outside the prefix is a 404.
    pub fn start_at(dist: &Path, prefix: &str) -> io::Result<Server> {
        let index = dist.join("index.html");
        if !index.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "{} does not exist: is this a built dist folder?",
                    index.display()
                ),
            ));
        }
        let prefix = normalize_prefix(prefix);
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?.to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            root: RwLock::new(dist.canonicalize()?),
            prefix: prefix.clone(),
            host: addr.clone(),
            log: Arc::clone(&log),
            refusing: AtomicBool::new(false),
        });
        let shared_for_server = Arc::clone(&shared);
        let stop_flag = Arc::clone(&stop);
        thread::Builder::new()
            .name(format!("e2e-server-{addr}"))
            .spawn(move || {
                for conn in listener.incoming() {
                    if stop_flag.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = conn else { continue };
                    let shared = Arc::clone(&shared);
                    let _ = thread::Builder::new()
                        .name("e2e-conn".into())
                        .spawn(move || handle_connection(stream, &shared));
                }
            })?;
        Ok(Server {
            addr,
            prefix,
            log,
            stop,
            shared: shared_for_server,
        })
    }

    /// Serves another dist folder from now on, on the same origin and port (a new
    /// deploy while pages stay open). Fails if `dist` has no `index.html`.
    pub fn serve_dir(&self, dist: &Path) -> io::Result<()> {
        if !dist.join("index.html").is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} has no index.html", dist.display()),
            ));
        }
        let root = dist.canonicalize()?;
        match self.shared.root.write() {
            Ok(mut r) => *r = root,
            Err(poisoned) => *poisoned.into_inner() = root,
        }
        Ok(())
    }

    /// The dist folder currently served.
    pub fn dir(&self) -> PathBuf {
        match self.shared.root.read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// While `true`, the network is "down": every request (ours or foreign) is still
    /// recorded in [`Server::requests`], then its connection is closed without a byte of
    /// answer, kept-alive connections included. The browser sees a failed connection.
    pub fn set_refusing(&self, refusing: bool) {
        self.shared.refusing.store(refusing, Ordering::SeqCst);
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`, for `--proxy-server`.
    pub fn host_port(&self) -> &str {
        &self.addr
    }

    /// The mount prefix, always starting and ending with `/`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Full URL of an app path: `url("/student")` → `http://127.0.0.1:PORT/<prefix>student`.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.origin(),
            self.prefix,
            path.trim_start_matches('/')
        )
    }

    /// Every request seen so far, in order, as a full URL (`CONNECT host:443` is recorded
    /// as `https://host:443/`).
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The recorded requests not to this origin. `page_requests` is what the page itself
    /// asked for ([`crate::Browser::page_requests`]): a background host the page asked for
    /// counts as unexplained.
    pub fn requests_outside_origin(&self, page_requests: &[String]) -> Outside {
        let own = format!("{}/", self.origin());
        let page_hosts: Vec<&str> = page_requests
            .iter()
            .filter(|u| !u.starts_with(&own))
            .map(|u| host_of(u))
            .collect();
        let mut out = Outside::default();
        for url in self.requests().into_iter().filter(|u| !u.starts_with(&own)) {
            let host = host_of(&url);
            if BROWSER_BACKGROUND_HOSTS.contains(&host) && !page_hosts.contains(&host) {
                out.background.push(url);
            } else {
                out.unexplained.push(url);
            }
        }
        out
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        if let Ok(mut l) = self.log.lock() {
            l.clear();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(&self.addr);
    }
}

fn normalize_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

fn handle_connection(stream: TcpStream, shared: &Shared) {
    // Keep-alive connections idle out so their threads end.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(15)));
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut out = write_half;
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let request_line = request_line.trim_end().to_string();
        if request_line.is_empty() {
            continue;
        }
        let mut headers = HashMap::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        // Drain a request body, if any, so the next request on this connection parses.
        if let Some(len) = headers
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok())
        {
            let _ = io::copy(&mut (&mut reader).take(len), &mut io::sink());
        }

        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("").to_string();
        let version = parts.next().unwrap_or("");
        let connection = headers
            .get("proxy-connection")
            .or_else(|| headers.get("connection"))
            .map(|v| v.to_ascii_lowercase());
        let keep_alive = match connection.as_deref() {
            Some("close") => false,
            Some("keep-alive") => true,
            _ => version != "HTTP/1.0",
        };

        if shared.refusing.load(Ordering::SeqCst) {
            let url = if method == "CONNECT" {
                format!("https://{target}/")
            } else if target.contains("://") {
                target
            } else {
                let host = headers.get("host").unwrap_or(&shared.host);
                format!("http://{host}{target}")
            };
            record(shared, url);
            let _ = out.shutdown(Shutdown::Both);
            return;
        }

        if method == "CONNECT" {
            record(shared, format!("https://{target}/"));
            let _ = respond(&mut out, 502, "text/plain", b"e2e proxy: no tunnels", false);
            let _ = out.shutdown(Shutdown::Both);
            return;
        }

        let (status, ctype, body) = answer(shared, &method, &target, &headers);
        if respond(&mut out, status, ctype, &body, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

/// Records the request and decides the response: files of our origin, 502 for any other.
fn answer(
    shared: &Shared,
    method: &str,
    target: &str,
    headers: &HashMap<String, String>,
) -> (u16, &'static str, Vec<u8>) {
    // Absolute-form (proxy request) or origin-form (direct request).
    let (url, host, path) = if let Some(rest) = target.strip_prefix("http://") {
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        (target.to_string(), host.to_string(), path.to_string())
    } else if target.contains("://") {
        (target.to_string(), String::new(), String::new())
    } else {
        let host = headers
            .get("host")
            .cloned()
            .unwrap_or_else(|| shared.host.clone());
        (format!("http://{host}{target}"), host, target.to_string())
    };
    record(shared, url);

    if host != shared.host {
        return (502, "text/plain", b"e2e proxy: not our origin".to_vec());
    }
    if method != "GET" && method != "HEAD" {
        return (405, "text/plain", b"method not allowed".to_vec());
    }
    let (status, ctype, body) = match resolve(shared, &path) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => (200, content_type(&file), bytes),
            Err(_) => (500, "text/plain", b"read error".to_vec()),
        },
        None => (404, "text/plain", b"not found".to_vec()),
    };
    // HEAD: same status and type, no body (Content-Length 0 is close enough for a test).
    let body = if method == "HEAD" { Vec::new() } else { body };
    (status, ctype, body)
}

fn record(shared: &Shared, url: String) {
    if let Ok(mut l) = shared.log.lock() {
        l.push(url);
    }
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    keep_alive: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        502 => "Bad Gateway",
        _ => "Internal Server Error",
    };
    let conn = if keep_alive { "keep-alive" } else { "close" };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: {conn}\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// Maps a request path to a file under the dist root, with the SPA fallback.
fn resolve(shared: &Shared, raw_path: &str) -> Option<PathBuf> {
    let path = raw_path.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let root = match shared.root.read() {
        Ok(r) => r.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    let index = root.join("index.html");
    // `/some/path` (no trailing slash) is the app's root too.
    if shared.prefix != "/" && path == shared.prefix.trim_end_matches('/') {
        return Some(index);
    }
    let rel = path.strip_prefix(&shared.prefix)?;
    let mut file = root;
    for comp in Path::new(rel).components() {
        match comp {
            Component::Normal(c) => file.push(c),
            Component::CurDir => {}
            // No `..`, no absolute paths: never serve outside dist.
            _ => return None,
        }
    }
    if file.is_file() {
        return Some(file);
    }
    if file.is_dir() && file.join("index.html").is_file() {
        return Some(file.join("index.html"));
    }
    let last = rel.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        None
    } else {
        Some(index)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(server: &Server, target: &str) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(server.host_port()).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.host_port()
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&buf[..split]).to_string();
        let status = head[9..12].parse().unwrap();
        let ctype = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Type: "))
            .unwrap_or("")
            .to_string();
        (status, ctype, buf[split + 4..].to_vec())
    }

    fn fixture(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "wayfinder-e2e-server-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>INDEX").unwrap();
        std::fs::write(dir.join("app.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("app.js"), "1").unwrap();
        std::fs::write(dir.join("sub/x.css"), "a{}").unwrap();
        dir
    }

    #[test]
    fn serves_files_types_and_spa_fallback() {
        let dir = fixture("root");
        let server = Server::start(&dir).unwrap();
        assert_eq!(get(&server, "/").0, 200);
        let (st, ct, body) = get(&server, "/app.wasm");
        assert_eq!((st, ct.as_str()), (200, "application/wasm"));
        assert_eq!(body, b"\0asm\x01\0\0\0");
        assert!(get(&server, "/app.js").1.starts_with("text/javascript"));
        assert!(get(&server, "/sub/x.css").1.starts_with("text/css"));
        let (st, _, body) = get(&server, "/student/goals?x=1");
        assert_eq!(
            (st, body.as_slice()),
            (200, b"<!doctype html>INDEX".as_slice())
        );
        assert_eq!(get(&server, "/missing.js").0, 404);
        assert_eq!(get(&server, "/../etc/passwd").0, 404);
        // Absolute-form, as a proxied browser sends it.
        let abs = format!("{}/app.js", server.origin());
        assert_eq!(get(&server, &abs).0, 200);
        assert_eq!(get(&server, "http://example.com/").0, 502);
        let log = server.requests();
        assert!(log.contains(&abs), "{log:?}");
        assert!(log.contains(&"http://example.com/".to_string()), "{log:?}");
    }

    #[test]
    fn serves_under_a_prefix() {
        let dir = fixture("prefix");
        let server = Server::start_at(&dir, "some/path").unwrap();
        assert_eq!(
            server.url("/student"),
            format!("{}/some/path/student", server.origin())
        );
        assert_eq!(get(&server, "/some/path/").2, b"<!doctype html>INDEX");
        assert_eq!(get(&server, "/some/path").2, b"<!doctype html>INDEX");
        assert_eq!(
            get(&server, "/some/path/teacher").2,
            b"<!doctype html>INDEX"
        );
        assert_eq!(get(&server, "/some/path/app.wasm").1, "application/wasm");
        assert_eq!(get(&server, "/app.wasm").0, 404);
        assert_eq!(get(&server, "/student").0, 404);
    }

    #[test]
    fn finds_hosts() {
        assert_eq!(
            host_of("https://accounts.google.com:443/"),
            "accounts.google.com"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/x?y"), "127.0.0.1");
        assert_eq!(host_of("http://a.example/p:1"), "a.example");
    }

    #[test]
    fn switches_dir_and_refuses_when_down() {
        let one = fixture("deploy-one");
        let two = fixture("deploy-two");
        std::fs::write(two.join("app.js"), "2").unwrap();
        let server = Server::start(&one).unwrap();
        assert_eq!(get(&server, "/app.js").2, b"1");
        server.serve_dir(&two).unwrap();
        assert_eq!(server.dir(), two.canonicalize().unwrap());
        assert_eq!(get(&server, "/app.js").2, b"2");
        assert!(server.serve_dir(&two.join("sub")).is_err());

        server.set_refusing(true);
        let mut s = TcpStream::connect(server.host_port()).unwrap();
        write!(
            s,
            "GET /app.js HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host_port()
        )
        .unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        assert!(buf.is_empty(), "a refused request got an answer");
        let want = format!("{}/app.js", server.origin());
        assert_eq!(server.requests().last(), Some(&want));

        server.set_refusing(false);
        assert_eq!(get(&server, "/app.js").0, 200);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("%41"), "A");
    }
}
