//! Finding elements the way people do: by role and accessible name.
//!
//! Candidates are gathered with a CSS selector per role, then each is checked with the
//! browser's own accessibility computation through WebDriver's `computedrole` and
//! `computedlabel` endpoints, so `<header>` inside `<article>` is not a banner, a hidden
//! element has no role, and a label's text counts whether it comes from `<label for>`,
//! `aria-label` or `aria-labelledby`.

use crate::{Browser, Element, Error, Result};
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

/// How long the `wait_*` helpers poll before failing: the wasm app renders asynchronously.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// An ARIA role to look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `alert`: a message said at once.
    Alert,
    /// `banner`: the site header.
    Banner,
    /// `button`.
    Button,
    /// `checkbox`.
    Checkbox,
    /// `combobox`: a select.
    Combobox,
    /// `contentinfo`: the site footer.
    ContentInfo,
    /// `dialog`.
    Dialog,
    /// A heading of this level (1–6).
    Heading(u8),
    /// A heading of any level.
    AnyHeading,
    /// `link`.
    Link,
    /// `list`.
    List,
    /// `listitem`.
    ListItem,
    /// `main`: the page's main content.
    Main,
    /// `navigation`: a menu.
    Navigation,
    /// `radio`.
    Radio,
    /// `region`: a section with a heading that names it.
    Region,
    /// `status`: a message said politely.
    Status,
    /// `switch`: an on/off toggle.
    Switch,
    /// `textbox`: a text or PIN field.
    Textbox,
    /// Any other role: the ARIA name and a CSS selector that finds its candidates.
    Other {
        /// The ARIA role name.
        role: &'static str,
        /// A CSS selector for the elements that may have it.
        css: &'static str,
    },
}

impl Role {
    /// The role name as the browser's accessibility tree reports it.
    pub fn aria(self) -> &'static str {
        match self {
            Role::Alert => "alert",
            Role::Banner => "banner",
            Role::Button => "button",
            Role::Checkbox => "checkbox",
            Role::Combobox => "combobox",
            Role::ContentInfo => "contentinfo",
            Role::Dialog => "dialog",
            Role::Heading(_) | Role::AnyHeading => "heading",
            Role::Link => "link",
            Role::List => "list",
            Role::ListItem => "listitem",
            Role::Main => "main",
            Role::Navigation => "navigation",
            Role::Radio => "radio",
            Role::Region => "region",
            Role::Status => "status",
            Role::Switch => "switch",
            Role::Textbox => "textbox",
            Role::Other { role, .. } => role,
        }
    }

    /// Elements that may have this role (implicitly or explicitly).
    fn css(self) -> &'static str {
        match self {
            Role::Alert => "[role~=alert]",
            Role::Banner => "header,[role~=banner]",
            Role::Button => {
                "button,input[type=button],input[type=submit],input[type=reset],\
                 input[type=image],summary,[role~=button]"
            }
            Role::Checkbox => "input[type=checkbox],[role~=checkbox]",
            Role::Combobox => "select,input[list],[role~=combobox]",
            Role::ContentInfo => "footer,[role~=contentinfo]",
            Role::Dialog => "dialog,[role~=dialog]",
            Role::Heading(_) | Role::AnyHeading => "h1,h2,h3,h4,h5,h6,[role~=heading]",
            Role::Link => "a[href],area[href],[role~=link]",
            Role::List => "ul,ol,menu,[role~=list]",
            Role::ListItem => "li,[role~=listitem]",
            Role::Main => "main,[role~=main]",
            Role::Navigation => "nav,[role~=navigation]",
            Role::Radio => "input[type=radio],[role~=radio]",
            Role::Region => "section,[role~=region]",
            Role::Status => "output,[role~=status]",
            Role::Switch => "[role~=switch]",
            Role::Textbox => {
                "input:not([type]),input[type=text],input[type=email],input[type=tel],\
                 input[type=url],input[type=password],textarea,[role~=textbox]"
            }
            Role::Other { css, .. } => css,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Heading(level) => write!(f, "heading level {level}"),
            other => f.write_str(other.aria()),
        }
    }
}

/// One element as assistive technology sees it.
#[derive(Clone, Debug)]
pub struct Found {
    /// The element, to click or read.
    pub element: Element,
    /// Its ARIA role, computed by the browser.
    pub role: String,
    /// Its accessible name, computed by the browser.
    pub name: String,
    /// Heading level, for headings.
    pub level: Option<u8>,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Some(l) => write!(f, "{} level {l} {:?}", self.role, self.name),
            None => write!(f, "{} {:?}", self.role, self.name),
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list(found: &[Found]) -> String {
    if found.is_empty() {
        "nothing".to_string()
    } else {
        found
            .iter()
            .map(|f| format!("  - {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Polls `attempt` every 100 ms until it returns `Ok(Some(_))` or `timeout` passes; then
/// fails with `what` and the last attempt's error or description.
pub async fn poll<T, F, Fut>(what: &str, timeout: Duration, mut attempt: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<std::result::Result<T, String>>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        let last = match attempt().await {
            Ok(Ok(v)) => return Ok(v),
            Ok(Err(state)) => state,
            Err(e) => e.0,
        };
        if Instant::now() >= deadline {
            return Err(Error(format!(
                "timed out after {:.1} s waiting for {what}\nlast seen: {last}",
                timeout.as_secs_f64()
            )));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

impl Browser {
    /// Everything in `scope` (or the whole page) whose computed role matches `role`.
    pub async fn scan(&self, scope: Option<&Element>, role: Role) -> Result<Vec<Found>> {
        let candidates = match scope {
            Some(el) => el.find_all(fantoccini::Locator::Css(role.css())).await?,
            None => {
                self.client
                    .find_all(fantoccini::Locator::Css(role.css()))
                    .await?
            }
        };
        let mut out = Vec::new();
        for element in candidates {
            let id = element.element_id().to_string();
            // An element can go stale while we look (the app re-renders): skip it.
            let Ok(computed) = self.element_get(&id, "computedrole").await else {
                continue;
            };
            let computed = computed.as_str().unwrap_or("").to_string();
            if computed != role.aria() {
                continue;
            }
            let Ok(name) = self.element_get(&id, "computedlabel").await else {
                continue;
            };
            let level = if computed == "heading" {
                heading_level(&element).await
            } else {
                None
            };
            if let Role::Heading(want) = role {
                if level != Some(want) {
                    continue;
                }
            }
            out.push(Found {
                element,
                role: computed,
                name: normalize(name.as_str().unwrap_or("")),
                level,
            });
        }
        Ok(out)
    }

    async fn find_in(&self, scope: Option<&Element>, role: Role, name: &str) -> Result<Element> {
        let all = self.scan(scope, role).await?;
        let want = normalize(name);
        if let Some(hit) = all.iter().find(|f| f.name == want) {
            return Ok(hit.element.clone());
        }
        let where_ = if scope.is_some() {
            " inside the given element"
        } else {
            ""
        };
        Err(Error(format!(
            "no {role} named {want:?}{where_}; found {}:\n{}",
            if all.is_empty() {
                "no such role at all"
            } else {
                "only"
            },
            list(&all)
        )))
    }

    /// The first element with this role and exactly this accessible name (whitespace
    /// collapsed), right now. The error lists every element of that role that was found.
    pub async fn find_role(&self, role: Role, name: &str) -> Result<Element> {
        self.find_in(None, role, name).await
    }

    /// The first element with this role, whatever its name (e.g. the banner landmark).
    pub async fn find_first(&self, role: Role) -> Result<Element> {
        self.scan(None, role)
            .await?
            .into_iter()
            .next()
            .map(|f| f.element)
            .ok_or_else(|| Error(format!("no element with role {role} on the page")))
    }

    /// Like [`Browser::find_role`], inside `scope`.
    pub async fn find_role_in(&self, scope: &Element, role: Role, name: &str) -> Result<Element> {
        self.find_in(Some(scope), role, name).await
    }

    /// All elements with this role and exactly this name.
    pub async fn find_all_role(&self, role: Role, name: &str) -> Result<Vec<Element>> {
        let want = normalize(name);
        Ok(self
            .scan(None, role)
            .await?
            .into_iter()
            .filter(|f| f.name == want)
            .map(|f| f.element)
            .collect())
    }

    /// Polls [`Browser::find_role`] for up to [`DEFAULT_TIMEOUT`].
    pub async fn wait_for_role(&self, role: Role, name: &str) -> Result<Element> {
        self.wait_for_role_in_time(role, name, DEFAULT_TIMEOUT)
            .await
    }

    /// Polls [`Browser::find_role`] for up to `timeout`.
    pub async fn wait_for_role_in_time(
        &self,
        role: Role,
        name: &str,
        timeout: Duration,
    ) -> Result<Element> {
        let what = format!("{role} named {:?}", normalize(name));
        poll(&what, timeout, || async move {
            Ok(self.find_role(role, name).await.map_err(|e| e.0))
        })
        .await
    }

    /// Waits for the `<h1>`-level heading with this name.
    pub async fn wait_for_heading(&self, level: u8, name: &str) -> Result<Element> {
        self.wait_for_role(Role::Heading(level), name).await
    }

    /// Names of all headings of this level, in document order.
    pub async fn heading_names(&self, level: u8) -> Result<Vec<String>> {
        Ok(self
            .scan(None, Role::Heading(level))
            .await?
            .into_iter()
            .map(|f| f.name)
            .collect())
    }

    /// Waits for an element of `role` (e.g. [`Role::Alert`], [`Role::Status`]) whose visible
    /// text contains `text`. Live regions are matched by text: they take no name from content.
    pub async fn wait_for_role_with_text(&self, role: Role, text: &str) -> Result<Element> {
        let what = format!("{role} whose text contains {text:?}");
        poll(&what, DEFAULT_TIMEOUT, || async move {
            let mut seen = Vec::new();
            for f in self.scan(None, role).await? {
                let t = normalize(&f.element.text().await.unwrap_or_default());
                if t.contains(text) {
                    return Ok(Ok(f.element));
                }
                seen.push(format!("  - {} with text {t:?}", f.role));
            }
            Ok(Err(if seen.is_empty() {
                format!("no {role} at all")
            } else {
                seen.join("\n")
            }))
        })
        .await
    }

    /// Waits for an alert whose text contains `text`.
    pub async fn wait_for_alert(&self, text: &str) -> Result<Element> {
        self.wait_for_role_with_text(Role::Alert, text).await
    }

    /// Role and accessible name of the focused element, e.g. `("link", "Student")`.
    pub async fn active_element_role_and_name(&self) -> Result<(String, String)> {
        let el = self.client.active_element().await?;
        let id = el.element_id().to_string();
        let role = self.element_get(&id, "computedrole").await?;
        let name = self.element_get(&id, "computedlabel").await?;
        Ok((
            role.as_str().unwrap_or("").to_string(),
            normalize(name.as_str().unwrap_or("")),
        ))
    }

    /// Accessible name of the focused element.
    pub async fn active_element_name(&self) -> Result<String> {
        Ok(self.active_element_role_and_name().await?.1)
    }

    /// Waits until the focused element is named `name` (focus the app moves on the next
    /// frame, e.g. after a list re-renders). The error names what has focus instead.
    pub async fn wait_for_focus(&self, name: &str, why: &str) -> Result<()> {
        let want = normalize(name);
        poll(why, DEFAULT_TIMEOUT, || {
            let want = want.clone();
            async move {
                let now = self.active_element_name().await?;
                Ok(if now == want {
                    Ok(())
                } else {
                    Err(format!("focus is on {now:?}, expected {want:?}"))
                })
            }
        })
        .await
    }

    /// Presses Tab until the focused element has `role` and `name`, at most `max_tabs`
    /// times; returns how many presses it took. The error lists the focus order seen.
    pub async fn tab_to(&self, role: Role, name: &str, max_tabs: usize) -> Result<usize> {
        let want = normalize(name);
        let mut seen = Vec::new();
        for n in 1..=max_tabs {
            self.press_tab().await?;
            let (r, nm) = self.active_element_role_and_name().await?;
            if r == role.aria() && nm == want {
                return Ok(n);
            }
            seen.push(format!("  {n}. {r} {nm:?}"));
        }
        Err(Error(format!(
            "{role} {want:?} not focused after {max_tabs} Tab presses; focus went to:\n{}",
            seen.join("\n")
        )))
    }

    /// Polls until the current path equals `path` (resolved under the server's prefix).
    pub async fn wait_for_path(&self, path: &str) -> Result<()> {
        let want = url::Url::parse(&self.url_for(path))
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| path.to_string());
        poll(
            &format!("the URL path to be {want}"),
            DEFAULT_TIMEOUT,
            || {
                let want = want.clone();
                async move {
                    let now = self.current_path().await?;
                    Ok(if now == want { Ok(()) } else { Err(now) })
                }
            },
        )
        .await
    }

    /// Polls until `document.title` equals `title`.
    pub async fn wait_for_title(&self, title: &str) -> Result<()> {
        poll(
            &format!("the title {title:?}"),
            DEFAULT_TIMEOUT,
            || async move {
                let now = self.title().await?;
                Ok(if now == title {
                    Ok(())
                } else {
                    Err(format!("{now:?}"))
                })
            },
        )
        .await
    }
}

async fn heading_level(element: &Element) -> Option<u8> {
    if let Ok(Some(l)) = element.attr("aria-level").await {
        if let Ok(l) = l.trim().parse() {
            return Some(l);
        }
    }
    let tag = element.tag_name().await.ok()?.to_ascii_lowercase();
    tag.strip_prefix('h')?.parse().ok()
}
