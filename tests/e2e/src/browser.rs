//! chromedriver + headless Chromium, one fresh profile per [`Browser`].

use crate::{env, Error, Result, Server};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Desktop window size used by default: 1366×768.
pub const DESKTOP: (u32, u32) = (1366, 768);
/// A small phone: 360×740.
pub const MOBILE: (u32, u32) = (360, 740);

/// A chromedriver process on a free loopback port; killed when dropped.
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    /// Starts `$CHROMEDRIVER` and waits (up to 20 s) until it answers `/status`.
    pub fn start() -> Result<Chromedriver> {
        let bin = env::chromedriver()?;
        let port = free_port()?;
        let child = Command::new(&bin)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error(format!("could not start {}: {e}", bin.display())))?;
        let mut driver = Chromedriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(body) = http_request(port, "GET", "/status") {
                if body.contains("\"ready\"") {
                    return Ok(driver);
                }
            }
            if let Ok(Some(status)) = driver.child.try_wait() {
                return Err(Error(format!(
                    "{} exited at start-up with {status}",
                    bin.display()
                )));
            }
            if Instant::now() > deadline {
                return Err(Error(format!(
                    "{} did not answer on port {port} within 20 s",
                    bin.display()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// A minimal blocking HTTP/1.1 exchange with chromedriver, usable from `Drop`.
fn http_request(port: u16, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(15)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    // chromedriver keeps the connection open despite `Connection: close`, so read exactly
    // the head and `Content-Length` bytes instead of reading to the end.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// How to start the browser.
#[derive(Clone, Debug)]
pub struct BrowserOptions {
    /// Window width in CSS pixels (headless: the viewport is the window).
    pub width: u32,
    /// Window height in CSS pixels.
    pub height: u32,
    /// More Chromium command-line switches, after the harness's own.
    pub extra_args: Vec<String>,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions::size(DESKTOP)
    }
}

impl BrowserOptions {
    /// Options with this `(width, height)`, e.g. [`MOBILE`].
    pub fn size((width, height): (u32, u32)) -> Self {
        BrowserOptions {
            width,
            height,
            extra_args: Vec::new(),
        }
    }
}

/// One browser console message, from chromedriver's log.
#[derive(Clone, Debug)]
pub struct ConsoleEntry {
    /// `SEVERE`, `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    /// The message, usually prefixed with the source URL and line.
    pub message: String,
}

/// A headless Chromium session with its own chromedriver and profile, aimed at one
/// [`Server`]. Dropping it ends the session, stops chromedriver and deletes the profile,
/// even when a test panics.
///
/// It derefs to [`fantoccini::Client`] for anything the helpers do not cover.
pub struct Browser {
    pub(crate) client: Client,
    base_url: String,
    origin: String,
    session_id: String,
    console: Mutex<Vec<ConsoleEntry>>,
    page_requests: Mutex<Vec<String>>,
    profile: PathBuf,
    driver: Chromedriver,
}

static PROFILE_COUNTER: AtomicU32 = AtomicU32::new(0);

impl Browser {
    /// A browser with the default options (1366×768).
    pub async fn launch(server: &Server) -> Result<Browser> {
        Browser::launch_with(server, BrowserOptions::default()).await
    }

    /// Starts chromedriver and Chromium, with every request proxied through `server`.
    pub async fn launch_with(server: &Server, options: BrowserOptions) -> Result<Browser> {
        let chrome = env::chrome()?;
        let driver = Chromedriver::start()?;
        let profile = std::env::temp_dir().join(format!(
            "wayfinder-e2e-profile-{}-{}-{}",
            std::process::id(),
            PROFILE_COUNTER.fetch_add(1, Ordering::SeqCst),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&profile)?;
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-default-apps".into(),
            "--disable-extensions".into(),
            "--mute-audio".into(),
            // Otherwise Chromium asks clients2.google.com for the time, and its autofill
            // service phones home when a test types into a field.
            "--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication".into(),
            format!("--user-data-dir={}", profile.display()),
            format!("--window-size={},{}", options.width, options.height),
            // Every request, loopback included, goes through the recording proxy.
            format!("--proxy-server=http://{}", server.host_port()),
            "--proxy-bypass-list=<-loopback>".into(),
        ];
        let mut args = args;
        args.extend(options.extra_args.iter().cloned());
        let caps: Capabilities = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chrome,
                "args": args,
                "perfLoggingPrefs": { "enableNetwork": true, "enablePage": false },
                // Fewer background requests: no DNS/preconnect prediction, no sign-in.
                "prefs": {
                    "net": { "network_prediction_options": 2 },
                    "signin": { "allowed": false, "allowed_on_next_startup": false },
                    "search": { "suggest_enabled": false },
                },
            },
            // `performance` gives the page's own network events (see `page_requests`).
            "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
        }))?;
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&driver.url())
            .await;
        let client = match client {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                return Err(Error::from(e).context(format!("starting {}", chrome.display())));
            }
        };
        let session_id = client.session_id().await?.unwrap_or_default();
        let browser = Browser {
            client,
            base_url: server.url(""),
            origin: server.origin(),
            session_id,
            console: Mutex::new(Vec::new()),
            page_requests: Mutex::new(Vec::new()),
            profile,
            driver,
        };
        browser.fit_viewport(options.width, options.height).await?;
        Ok(browser)
    }

    /// `(window.innerWidth, window.innerHeight)`.
    pub async fn viewport_size(&self) -> Result<(u32, u32)> {
        let v = self
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        let (w, h): (u32, u32) = serde_json::from_value(v)?;
        Ok((w, h))
    }

    /// Resizes the window so the *viewport* is `width`×`height`: `--window-size` sets the
    /// outer window, and even headless Chromium keeps room for its (invisible) toolbar.
    pub async fn fit_viewport(&self, width: u32, height: u32) -> Result<()> {
        for _ in 0..3 {
            let (w, h) = self.viewport_size().await?;
            if (w, h) == (width, height) {
                return Ok(());
            }
            let (ow, oh) = self.client.get_window_size().await?;
            let fix = |outer: u64, inner: u32, want: u32| {
                (outer as i64 + i64::from(want) - i64::from(inner)).max(1) as u32
            };
            self.client
                .set_window_size(fix(ow, w, width), fix(oh, h, height))
                .await?;
        }
        let got = self.viewport_size().await?;
        Err(Error(format!(
            "could not make the viewport {width}x{height}; it is {}x{}",
            got.0, got.1
        )))
    }

    /// Ends the session now (otherwise done on drop).
    pub async fn close(self) -> Result<()> {
        // Drop does the work; it is synchronous and safe to call from async code.
        drop(self);
        Ok(())
    }

    /// The server's origin, `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// A folder for files the test hands to the page (uploads), inside this browser's
    /// profile folder, so it is deleted with the profile when the browser is dropped.
    pub fn scratch_dir(&self) -> Result<PathBuf> {
        let dir = self.profile.join("e2e-files");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Absolute URL of an app path, honouring the server's mount prefix.
    pub fn url_for(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// Navigates to an app path like `/student` (waits for the load event, not for the app).
    pub async fn goto(&self, path: &str) -> Result<()> {
        let url = self.url_for(path);
        self.client
            .goto(&url)
            .await
            .map_err(|e| Error::from(e).context(format!("loading {url}")))
    }

    /// Reloads the current page.
    pub async fn reload(&self) -> Result<()> {
        Ok(self.client.refresh().await?)
    }

    /// The current URL's path (with query), e.g. `/student`.
    pub async fn current_path(&self) -> Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    /// `document.title`.
    pub async fn title(&self) -> Result<String> {
        Ok(self.client.title().await?)
    }

    /// Runs a script (`return ...` to get a value back).
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// Presses and releases one key on the keyboard.
    pub async fn press(&self, key: Key) -> Result<()> {
        let k: char = key.into();
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Presses Tab.
    pub async fn press_tab(&self) -> Result<()> {
        self.press(Key::Tab).await
    }

    /// Presses Shift+Tab.
    pub async fn press_shift_tab(&self) -> Result<()> {
        let (shift, tab): (char, char) = (Key::Shift.into(), Key::Tab.into());
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift });
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Presses Enter.
    pub async fn press_enter(&self) -> Result<()> {
        self.press(Key::Enter).await
    }

    /// Presses Space (toggles a focused checkbox).
    pub async fn press_space(&self) -> Result<()> {
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: ' ' })
            .then(KeyAction::Up { value: ' ' });
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// `localStorage.getItem(key)`.
    pub async fn local_storage_get(&self, key: &str) -> Result<Option<String>> {
        let v = self
            .execute(
                "return window.localStorage.getItem(arguments[0]);",
                vec![json!(key)],
            )
            .await?;
        Ok(v.as_str().map(str::to_string))
    }

    /// `localStorage.setItem(key, value)`.
    pub async fn local_storage_set(&self, key: &str, value: &str) -> Result<()> {
        self.execute(
            "window.localStorage.setItem(arguments[0], arguments[1]);",
            vec![json!(key), json!(value)],
        )
        .await?;
        Ok(())
    }

    /// `localStorage.removeItem(key)`.
    pub async fn local_storage_remove(&self, key: &str) -> Result<()> {
        self.execute(
            "window.localStorage.removeItem(arguments[0]);",
            vec![json!(key)],
        )
        .await?;
        Ok(())
    }

    /// All localStorage keys, sorted.
    pub async fn local_storage_keys(&self) -> Result<Vec<String>> {
        let v = self
            .execute("return Object.keys(window.localStorage).sort();", vec![])
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// The classes on `<html>`.
    pub async fn html_classes(&self) -> Result<Vec<String>> {
        let v = self
            .execute(
                "return Array.from(document.documentElement.classList);",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// Saves a PNG of the viewport to `tests/e2e/artifacts/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = crate::artifacts_dir();
        std::fs::create_dir_all(&dir)?;
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{safe}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Every console message since the browser started. (Chromedriver hands each entry out
    /// once; they are kept here so repeated calls see them all.)
    pub async fn console_log(&self) -> Result<Vec<ConsoleEntry>> {
        let v = self.client.issue_cmd(GetLog("browser")).await?;
        let fresh: Vec<ConsoleEntry> = v
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| ConsoleEntry {
                        level: e["level"].as_str().unwrap_or("").to_string(),
                        message: e["message"].as_str().unwrap_or("").to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut all = self
            .console
            .lock()
            .map_err(|_| Error::msg("console log lock poisoned"))?;
        all.extend(fresh);
        Ok(all.clone())
    }

    /// The `SEVERE` console messages (errors, failed loads, panics) since start.
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        Ok(self
            .console_log()
            .await?
            .into_iter()
            .filter(|e| e.level == "SEVERE")
            .map(|e| e.message)
            .collect())
    }

    /// URLs of every network request (http, https, ws, wss) the page itself started
    /// (documents, scripts, wasm, fetches, images...) since the browser started, from
    /// DevTools' `Network.requestWillBeSent` for this session's windows.
    /// Unlike [`Server::requests`] this excludes Chromium's own background traffic.
    pub async fn page_requests(&self) -> Result<Vec<String>> {
        let v = self.client.issue_cmd(GetLog("performance")).await?;
        // The log covers every DevTools target, including Chromium's own pages (a hidden
        // new-tab page loads chrome:// resources); keep only the windows of this session.
        let windows: Vec<String> = self
            .client
            .windows()
            .await?
            .into_iter()
            .map(String::from)
            .collect();
        let mut all = self
            .page_requests
            .lock()
            .map_err(|_| Error::msg("page request lock poisoned"))?;
        for entry in v.as_array().into_iter().flatten() {
            let Some(text) = entry["message"].as_str() else {
                continue;
            };
            let Ok(msg) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let ours = entry["webview"]
                .as_str()
                .or_else(|| msg["webview"].as_str())
                .is_some_and(|w| windows.iter().any(|h| h == w));
            if ours && msg["message"]["method"] == "Network.requestWillBeSent" {
                let url = msg["message"]["params"]["request"]["url"]
                    .as_str()
                    .unwrap_or("");
                // chrome://, data:, blob: and about: are served inside the browser.
                let network = ["http:", "https:", "ws:", "wss:", "ftp:"]
                    .iter()
                    .any(|scheme| url.starts_with(scheme));
                if network {
                    all.push(url.to_string());
                }
            }
        }
        Ok(all.clone())
    }

    /// A WebDriver `GET session/{id}/element/{element}/{what}` (e.g. `computedrole`).
    pub(crate) async fn element_get(&self, element_id: &str, what: &str) -> Result<Value> {
        Ok(self
            .client
            .issue_cmd(ElementGet {
                element: element_id.to_string(),
                what: what.to_string(),
            })
            .await?)
    }
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Blocking on purpose: this also runs while a failed test unwinds, where nothing
        // async can be awaited. Deleting the session makes chromedriver quit Chromium.
        if !self.session_id.is_empty() {
            let _ = http_request(
                self.driver.port,
                "DELETE",
                &format!("/session/{}", self.session_id),
            );
        }
        // `driver` is killed when the fields drop, right after this.
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// chromedriver's non-standard `POST /session/{id}/se/log`: `browser` (the console) or
/// `performance` (DevTools events).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or("")))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// `GET /session/{id}/element/{element}/{what}`: `computedrole`, `computedlabel`, ...
#[derive(Debug)]
struct ElementGet {
    element: String,
    what: String,
}

impl WebDriverCompatibleCommand for ElementGet {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/element/{}/{}",
            session_id.unwrap_or(""),
            self.element,
            self.what
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}
