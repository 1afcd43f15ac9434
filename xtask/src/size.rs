//! `cargo xtask size`: what a first visit downloads, raw and compressed.

use std::io::Write;
use std::path::Path;

use crate::dist::build;
use crate::tools::ensure_build_tools;
use crate::util::{check_args, root};

/// The first-load budget from the developers' guide, in bytes of brotli.
const BUDGET_BROTLI: usize = 150 * 1024;

/// Sizes of one file.
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Compresses `bytes` the way a static host would (gzip -9, brotli q11).
pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    let gzip = gz.finish().map(|v| v.len()).unwrap_or(0);
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut br, &params);
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

/// `cargo xtask size`: builds the release and prints the table.
pub fn run(args: &[String]) -> Result<(), String> {
    check_args(args, &[], &[])?;
    ensure_build_tools()?;
    let dir = root().join("dist");
    build(&dir, "/", true)?;
    report(&dir)
}

/// Prints the size table for the files in `dir`, with the first-load total.
pub fn report(dir: &Path) -> Result<(), String> {
    let mut rows = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = match Path::new(&name).extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            Some("html") if name == "index.html" => "html",
            _ => continue,
        };
        let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
        rows.push((kind, name, measure(&bytes)));
    }
    rows.sort_by_key(|r| r.0);
    println!(
        "\n{:<6} {:<44} {:>10} {:>10} {:>10}",
        "kind", "file", "raw", "gzip", "brotli"
    );
    let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
    for (kind, name, s) in &rows {
        println!(
            "{kind:<6} {name:<44} {:>10} {:>10} {:>10}",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
        raw += s.raw;
        gzip += s.gzip;
        brotli += s.brotli;
    }
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "total",
        "first load (html+js+wasm+css)",
        kb(raw),
        kb(gzip),
        kb(brotli)
    );
    println!(
        "budget: {} brotli of {} ({}%)",
        kb(brotli),
        kb(BUDGET_BROTLI),
        brotli * 100 / BUDGET_BROTLI
    );
    Ok(())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
