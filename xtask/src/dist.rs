//! Release files into dist/: Trunk's build, then the finishing touches a static host needs.

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::tools::{ensure_build_tools, path_env};
use crate::util::{check_args, exec, flag, option, root, step};

/// `cargo xtask dist [--public-url /path/] [--dev]`.
pub fn run(args: &[String]) -> Result<(), String> {
    check_args(args, &["--public-url", "--dist"], &["--dev"])?;
    let public_url = option(args, "--public-url").unwrap_or("/");
    let dir = option(args, "--dist")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    ensure_build_tools()?;
    build(&dir, public_url, !flag(args, "--dev"))?;
    println!("release files are in {}", dir.display());
    Ok(())
}

/// Normalises a public URL to start and end with "/".
pub fn normalize_public_url(url: &str) -> String {
    let trimmed = url.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Builds the app into `dir` for `public_url`, then finishes index.html.
pub fn build(dir: &Path, public_url: &str, release: bool) -> Result<(), String> {
    let public_url = normalize_public_url(public_url);
    step(&format!(
        "trunk build{} --offline --public-url {public_url} (into {})",
        if release { " --release" } else { "" },
        dir.display()
    ));
    let mut cmd = Command::new("trunk");
    cmd.current_dir(root())
        .env("PATH", path_env())
        .arg("build")
        .args(release.then_some("--release"))
        .args(["--offline", "--public-url", &public_url, "--dist"])
        .arg(dir);
    exec(&mut cmd, "trunk build")?;
    finish(dir, &public_url)
}

/// Finishing touches Trunk does not do: the router's base path, a CSP hash for Trunk's
/// inline start-up script (the policy allows no other inline script), 404.html so
/// static hosts serve the app for deep links, and the service worker's precache list.
fn finish(dir: &Path, public_url: &str) -> Result<(), String> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("trunk produced no {}: {e}", index.display()))?;
    let html = finish_html(&html, public_url)?;
    std::fs::write(&index, &html).map_err(|e| format!("writing index.html: {e}"))?;
    std::fs::write(dir.join("404.html"), &html).map_err(|e| format!("writing 404.html: {e}"))?;
    write_precache(dir)
}

/// Files the service worker must not precache: itself and the static-host fallback.
const NOT_PRECACHED: &[&str] = &["sw.js", "404.html"];

/// Fills sw.js with exactly this build's files and a version derived from their
/// contents, so any changed file makes browsers see a new service worker.
fn write_precache(dir: &Path) -> Result<(), String> {
    let sw_path = dir.join("sw.js");
    let template =
        std::fs::read_to_string(&sw_path).map_err(|e| format!("the build has no sw.js: {e}"))?;
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !NOT_PRECACHED.contains(&n.as_str()) && !n.starts_with('.'))
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    let mut bytes = 0;
    for f in &files {
        let content = std::fs::read(dir.join(f)).map_err(|e| e.to_string())?;
        bytes += content.len();
        hasher.update(f.as_bytes());
        hasher.update(&content);
    }
    let version: String = hasher.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = format!(
        "[{}]",
        files
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let sw = template
        .replace("__WAYFINDER_VERSION__", &version)
        .replace("__WAYFINDER_FILES__", &list);
    if sw == template {
        return Err("sw.js has no precache placeholders".into());
    }
    std::fs::write(&sw_path, sw).map_err(|e| format!("writing sw.js: {e}"))?;
    println!(
        "precache: {} files, {bytes} bytes, version {version}",
        files.len()
    );
    Ok(())
}

/// The pure part of [`finish`].
pub fn finish_html(html: &str, public_url: &str) -> Result<String, String> {
    let base_meta = r#"<meta name="wayfinder-base" content="/""#;
    if !html.contains(base_meta) {
        return Err("index.html lost its wayfinder-base meta tag".into());
    }
    let mut html = html
        .replace(
            base_meta,
            &format!(r#"<meta name="wayfinder-base" content="{public_url}""#),
        )
        .replace(
            r#"href="/manifest.webmanifest""#,
            &format!(r#"href="{public_url}manifest.webmanifest""#),
        );
    let hashes: Vec<String> = inline_scripts(&html)
        .iter()
        .map(|s| format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes()))))
        .collect();
    if !hashes.is_empty() {
        let marker = "script-src 'self'";
        if !html.contains(marker) {
            return Err("index.html's Content-Security-Policy has no script-src 'self'".into());
        }
        html = html.replacen(marker, &format!("{marker} {}", hashes.join(" ")), 1);
    }
    Ok(html)
}

/// The contents of every `<script>` without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            found.push(&body[..close]);
        }
        rest = &body[close..];
    }
    found
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn public_urls_are_normalised() {
        assert_eq!(normalize_public_url(""), "/");
        assert_eq!(normalize_public_url("/"), "/");
        assert_eq!(normalize_public_url("some/path"), "/some/path/");
        assert_eq!(normalize_public_url("/some/path/"), "/some/path/");
    }

    #[test]
    fn inline_scripts_get_hashes_and_the_base_is_set() {
        let html = r#"<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'wasm-unsafe-eval'"><meta name="wayfinder-base" content="/"><script src="/a.js"></script><script type="module">hi</script>"#;
        let out = finish_html(html, "/x/").unwrap();
        assert!(out.contains(r#"content="/x/""#));
        // sha256("hi") in base64
        assert!(out.contains("script-src 'self' 'sha256-j0NDRmSPa5bfid2pAcUXaxCm2Dlh3TwayItZstwyeqQ=' 'wasm-unsafe-eval'"));
    }
}
