//! `cargo xtask serve`: build, then serve dist/ like any static host would (with the
//! single-page-app fallback), on loopback unless told otherwise.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::dist::build;
use crate::tools::ensure_build_tools;
use crate::util::{check_args, flag, option, root};

/// `cargo xtask serve [--port N] [--host ADDR] [--dev]`.
pub fn run(args: &[String]) -> Result<(), String> {
    check_args(args, &["--port", "--host"], &["--dev"])?;
    let host = option(args, "--host").unwrap_or("127.0.0.1");
    let port: u16 = option(args, "--port")
        .unwrap_or("8080")
        .parse()
        .map_err(|_| "--port needs a number between 1 and 65535".to_string())?;
    ensure_build_tools()?;
    let dir = root().join("dist");
    build(&dir, "/", !flag(args, "--dev"))?;
    let listener = TcpListener::bind((host, port)).map_err(|e| {
        format!("cannot listen on {host}:{port}: {e} (is something else using it? try --port)")
    })?;
    println!("\nWayfinder is being served on http://{host}:{port}/  (Ctrl+C to stop)");
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; we need none of them.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
            true,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(dir, path) {
        Some(file) => {
            let body = std::fs::read(&file)?;
            respond(
                &mut stream,
                "200 OK",
                content_type(&file),
                &body,
                method == "GET",
            )
        }
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            true,
        ),
    }
}

/// Maps a URL path to a file in `dir`; paths without an extension fall back to
/// index.html so deep links into the app work. Never leaves `dir`.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = Path::new(url_path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let candidate = dir.join(rel);
    if candidate.is_file() {
        return Some(candidate);
    }
    if rel.extension().is_none() {
        return Some(dir.join("index.html"));
    }
    None
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    send_body: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if send_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_never_leaves_the_folder_and_falls_back_for_routes() {
        let dir = std::env::temp_dir().join("wayfinder-serve-test");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        std::fs::write(dir.join("a.js"), "x").unwrap();
        assert_eq!(resolve(&dir, "/a.js"), Some(dir.join("a.js")));
        assert_eq!(resolve(&dir, "/student"), Some(dir.join("index.html")));
        assert_eq!(resolve(&dir, "/missing.js"), None);
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
    }
}
