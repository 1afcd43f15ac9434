//! Chromium-only controls through chromedriver: network emulation, raw DevTools protocol
//! commands, and waiting on a JavaScript condition in the page.

use crate::query::poll;
use crate::{Browser, Error, Result};
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};
use std::time::Duration;

impl Browser {
    /// Switches the page's network off (`true`) or back to normal (`false`) with
    /// chromedriver's network emulation (`/session/{id}/chromium/network_conditions`).
    /// Offline makes `navigator.onLine` false and fires the window's `offline` event;
    /// the page's requests fail with `ERR_INTERNET_DISCONNECTED`.
    pub async fn set_network_offline(&self, offline: bool) -> Result<()> {
        let conditions = json!({
            "offline": offline,
            "latency": 0,
            "download_throughput": -1,
            "upload_throughput": -1,
        });
        self.session_command(
            http::Method::POST,
            "chromium/network_conditions",
            Some(json!({ "network_conditions": conditions })),
        )
        .await
        .map_err(|e| e.context(format!("setting network conditions offline={offline}")))?;
        Ok(())
    }

    /// Runs one DevTools protocol command on the current page through chromedriver
    /// (`/session/{id}/goog/cdp/execute`), e.g. `cdp("Page.getInstallabilityErrors", {})`.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.session_command(
            http::Method::POST,
            "goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
        .await
        .map_err(|e| e.context(format!("DevTools command {cmd}")))
    }

    /// Any WebDriver command under `/session/{id}/` (`path` without the leading slash).
    pub async fn session_command(
        &self,
        method: http::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        Ok(self
            .client
            .issue_cmd(SessionCommand {
                method,
                path: path.trim_start_matches('/').to_string(),
                body: body.map(|b| b.to_string()),
            })
            .await?)
    }

    /// Polls the JavaScript expression `expr` (evaluated as `return (expr);`) every 100 ms
    /// until it is truthy, and returns its value. Fails after `timeout` with `what` and the
    /// last value seen.
    pub async fn wait_for_js(&self, what: &str, expr: &str, timeout: Duration) -> Result<Value> {
        let script = format!("return ({expr});");
        poll(what, timeout, || {
            let script = script.clone();
            async move {
                let v = self.execute(&script, vec![]).await?;
                let truthy = match &v {
                    Value::Null => false,
                    Value::Bool(b) => *b,
                    Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
                    Value::String(s) => !s.is_empty(),
                    _ => true,
                };
                Ok(if truthy { Ok(v) } else { Err(v.to_string()) })
            }
        })
        .await
    }

    /// Like [`Browser::wait_for_js`] for a JavaScript promise: `body` is the body of an
    /// async function (`return await ...;`), evaluated once; its resolved value is returned,
    /// a rejection is an error.
    pub async fn eval_async(&self, body: &str) -> Result<Value> {
        let script = format!(
            "const done = arguments[arguments.length - 1];\n\
             (async () => {{ {body} }})().then((v) => done({{ ok: v === undefined ? null : v }}), \
             (e) => done({{ error: String(e && e.stack || e) }}));"
        );
        let out = self.client.execute_async(&script, vec![]).await?;
        if let Some(err) = out.get("error") {
            return Err(Error(format!("script failed: {err}")));
        }
        Ok(out.get("ok").cloned().unwrap_or(Value::Null))
    }
}

/// `METHOD /session/{id}/{path}` with an optional JSON body.
#[derive(Debug)]
struct SessionCommand {
    method: http::Method,
    path: String,
    body: Option<String>,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or(""),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (self.method.clone(), self.body.clone())
    }
}
