//! Reading and setting form fields, whole-page screenshots and the "no sideways scroll"
//! check, shared by the suites.

use crate::{ensure, Browser, Result, Role};

impl Browser {
    /// Sets the text box labelled `label` the way one input event does: for long texts
    /// (10,001 characters), and to replace what is there in one go.
    pub async fn set_text(&self, label: &str, text: &str) -> Result<()> {
        let el = self.find_role(Role::Textbox, label).await?;
        self.execute(
            "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::to_value(&el)?, text.into()],
        )
        .await?;
        Ok(())
    }

    /// The value of the text box labelled `label`.
    pub async fn field_value(&self, label: &str) -> Result<String> {
        Ok(self
            .find_role(Role::Textbox, label)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Whether the checkbox or radio button `name` of `role` is checked.
    pub async fn is_checked(&self, role: Role, name: &str) -> Result<bool> {
        Ok(self
            .find_role(role, name)
            .await?
            .prop("checked")
            .await?
            .as_deref()
            == Some("true"))
    }

    /// Fails when two controls (buttons, links, radios, checkboxes, text boxes, selects)
    /// share one accessible name: a screen reader's list of controls, or a speech-input
    /// user saying "click …", could not tell them apart.
    pub async fn no_shared_control_names(&self, what: &str) -> Result<()> {
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut shared = Vec::new();
        for role in [
            Role::Button,
            Role::Link,
            Role::Radio,
            Role::Checkbox,
            Role::Textbox,
            Role::Combobox,
        ] {
            for f in self.scan(None, role).await? {
                if f.name.is_empty() {
                    continue;
                }
                if let Some((other, _)) = seen.iter().find(|(_, n)| *n == f.name) {
                    shared.push(format!("{} and {other} {:?}", f.role, f.name));
                }
                seen.push((f.role, f.name));
            }
        }
        ensure!(
            shared.is_empty(),
            "{what}: controls share an accessible name:\n  {}",
            shared.join("\n  ")
        );
        Ok(())
    }

    /// Controls a finger must hit that are smaller than 44x44 px, as "what WxH": buttons,
    /// links (not those inside a sentence), form fields, summaries. An input hidden at
    /// one pixel, whose label is the target, is measured by its label; the skip link
    /// (off screen until focused) is left out.
    pub async fn small_targets(&self) -> Result<Vec<String>> {
        let v = self
            .execute(
                r#"const out = [];
                const sel = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button]';
                for (const el of document.querySelectorAll(sel)) {
                  if (el.matches('.skip-link')) continue;
                  const st = getComputedStyle(el);
                  if (st.display === 'none' || st.visibility === 'hidden') continue;
                  let r = el.getBoundingClientRect();
                  if (r.width === 0 && r.height === 0) continue;
                  if (el.matches('a')) {
                    const p = el.closest('p');
                    if (p && p.textContent.trim().length > el.textContent.trim().length) continue;
                  }
                  if ((r.width <= 1 || r.height <= 1) && el.labels && el.labels.length) {
                    r = el.labels[0].getBoundingClientRect();
                  }
                  if (r.width < 43.5 || r.height < 43.5) {
                    const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.type || '').trim().slice(0, 40);
                    out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
                  }
                }
                return out;"#,
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// A screenshot of the whole page: the window is made as tall as the page (at most
    /// 7,000 px) for it, then put back.
    pub async fn full_page_screenshot(&self, name: &str) -> Result<()> {
        let (w, h) = self.viewport_size().await?;
        let tall = self
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await?
            .as_u64()
            .unwrap_or(u64::from(h));
        let tall = u32::try_from(tall).unwrap_or(h).clamp(h, 7000);
        self.fit_viewport(w, tall).await?;
        self.screenshot(name).await?;
        self.fit_viewport(w, h).await?;
        Ok(())
    }

    /// Nothing sticks out sideways (a phone would scroll the page left and right); the
    /// failure names up to eight elements that stick out.
    pub async fn no_sideways_scroll(&self, what: &str) -> Result<()> {
        let v = self
            .execute(
                "if (document.documentElement.scrollWidth <= window.innerWidth) return [];
                 return [...document.querySelectorAll('body *')]
                    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                    .slice(0, 8)
                    .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                vec![],
            )
            .await?;
        let wide: Vec<String> = serde_json::from_value(v)?;
        ensure!(wide.is_empty(), "{what} is wider than the screen: {wide:?}");
        Ok(())
    }

    /// Prints the page to PDF on paper of `w` x `h` inches (as print media is emulated
    /// now), keeps it as `tests/e2e/artifacts/<name>-<paper>.pdf`, and returns how many
    /// pages it took.
    pub async fn print_pdf(&self, name: &str, paper: &str, w: f64, h: f64) -> Result<usize> {
        let pdf = self
            .cdp(
                "Page.printToPDF",
                serde_json::json!({ "paperWidth": w, "paperHeight": h, "preferCSSPageSize": false, "printBackground": true }),
            )
            .await?;
        let data = pdf
            .get("data")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default();
        let bytes = decode_base64(data);
        std::fs::write(
            crate::artifacts_dir().join(format!("{name}-{paper}.pdf")),
            &bytes,
        )?;
        Ok(pdf_pages(&bytes))
    }
}

/// Pages in a PDF: counts page objects ("/Type /Page", not "/Pages").
fn pdf_pages(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    ["/Type /Page", "/Type/Page"]
        .iter()
        .map(|pat| {
            text.match_indices(pat)
                .filter(|(i, _)| !text[i + pat.len()..].starts_with('s'))
                .count()
        })
        .sum()
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut n) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    out
}
