//! "Read to me": the browser reads an activity aloud with its speech synthesis, one sentence
//! at a time so the sentence being read can be highlighted, with Pause / Resume and Stop.
//! When the browser cannot speak (no `speechSynthesis`, no voices, an error) the player
//! says so in a kind sentence instead of failing.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The longest piece spoken in one go (Chrome stops long utterances after ~15 seconds).
const MAX_PIECE: usize = 200;

/// Splits a text into the sentences read one after another: after `.`, `!`, `?`, `…`
/// (and the Arabic and CJK marks) followed by a space or the end, and at line breaks.
/// Very long sentences are cut at a space so each piece stays short. Empty pieces go.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    const ENDS: [char; 8] = ['.', '!', '?', '…', '؟', '。', '！', '？'];
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            push_piece(&mut out, &cur);
            cur.clear();
            continue;
        }
        cur.push(c);
        if ENDS.contains(&c) && chars.peek().is_none_or(|n| n.is_whitespace()) {
            push_piece(&mut out, &cur);
            cur.clear();
        }
    }
    push_piece(&mut out, &cur);
    out
}

/// Adds a trimmed sentence, cut into pieces of at most [`MAX_PIECE`] characters.
fn push_piece(out: &mut Vec<String>, s: &str) {
    let mut rest = s.trim();
    while rest.chars().count() > MAX_PIECE {
        // Cut at the last space within the limit, or hard at the limit.
        let limit = rest
            .char_indices()
            .nth(MAX_PIECE)
            .map_or(rest.len(), |(i, _)| i);
        let cut = rest[..limit]
            .rfind(char::is_whitespace)
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        out.push(rest[..cut].trim().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
}

/// Where the player is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Player {
    Idle,
    Starting,
    Speaking,
    Paused,
    Finished,
    Stopped,
    /// The browser can't read aloud; the sentence says so kindly.
    Unavailable(&'static str),
}

const NO_SPEECH: &str =
    "This browser can't read aloud. You could ask a friend or your teacher to read it with you.";
const NO_VOICE: &str = "Reading aloud didn't start: this device may have no voices for it. You could ask a friend or your teacher to read it with you.";
const FAILED: &str = "Something stopped the reading. You can try again, or ask a friend or your teacher to read it with you.";

impl Player {
    fn words(self) -> &'static str {
        match self {
            Player::Idle => "",
            Player::Starting => "Getting ready to read…",
            Player::Speaking => "Reading aloud…",
            Player::Paused => "Paused.",
            Player::Finished => "Finished reading.",
            Player::Stopped => "Stopped.",
            Player::Unavailable(why) => why,
        }
    }
    fn busy(self) -> bool {
        matches!(self, Player::Starting | Player::Speaking | Player::Paused)
    }
}

/// Which "Read to me" button spoke last: a player ignores events from its older rounds.
static ROUND: AtomicU32 = AtomicU32::new(0);

/// The browser's speech synthesis, if it has one.
fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    let w = web_sys::window()?;
    let has = |name: &str| js_sys::Reflect::has(&w, &JsValue::from_str(name)).unwrap_or(false);
    if !has("speechSynthesis") || !has("SpeechSynthesisUtterance") {
        return None;
    }
    let s = js_sys::Reflect::get(&w, &JsValue::from_str("speechSynthesis")).ok()?;
    if s.is_undefined() || s.is_null() {
        return None;
    }
    w.speech_synthesis().ok()
}

/// Starts reading `parts` aloud; the player's signals follow what the browser does.
fn speak(
    parts: &[String],
    state: RwSignal<Player>,
    current: RwSignal<Option<usize>>,
    round: StoredValue<u32>,
) {
    let Some(synth) = synthesis() else {
        state.set(Player::Unavailable(NO_SPEECH));
        return;
    };
    synth.cancel();
    let mine = ROUND.fetch_add(1, Ordering::Relaxed) + 1;
    round.set_value(mine);
    let live = move || round.try_get_value() == Some(mine) && ROUND.load(Ordering::Relaxed) == mine;
    state.set(Player::Starting);
    current.set(None);
    let last = parts.len().saturating_sub(1);
    for (i, text) in parts.iter().enumerate() {
        let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
            synth.cancel();
            state.set(Player::Unavailable(NO_SPEECH));
            return;
        };
        u.set_rate(0.9);
        let on_start = Closure::<dyn FnMut()>::new(move || {
            if live() {
                current.try_set(Some(i));
                state.try_set(Player::Speaking);
            }
        });
        u.set_onstart(Some(on_start.as_ref().unchecked_ref()));
        on_start.forget();
        if i == last {
            let on_end = Closure::<dyn FnMut()>::new(move || {
                if live() {
                    current.try_set(None);
                    state.try_set(Player::Finished);
                }
            });
            u.set_onend(Some(on_end.as_ref().unchecked_ref()));
            on_end.forget();
        }
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
            let code = js_sys::Reflect::get(&ev, &JsValue::from_str("error"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let stopped_by_someone = code == "interrupted" || code == "canceled";
            if round.try_get_value() != Some(mine) {
                return;
            }
            if stopped_by_someone {
                // Another "Read to me" button started, or the page stopped it: not a failure.
                if ROUND.load(Ordering::Relaxed) != mine {
                    current.try_set(None);
                    state.try_set(Player::Stopped);
                }
            } else {
                let now = state.try_get_untracked();
                if matches!(now, Some(Player::Unavailable(_))) {
                    // The queued sentences fail too: the first explanation stays.
                    return;
                }
                let never_started = now == Some(Player::Starting);
                current.try_set(None);
                state.try_set(Player::Unavailable(if never_started {
                    NO_VOICE
                } else {
                    FAILED
                }));
            }
        });
        u.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        synth.speak(&u);
    }
    // Headless or voiceless browsers may accept the text and never start: say so.
    set_timeout(
        move || {
            if live() && state.try_get_untracked() == Some(Player::Starting) {
                if let Some(s) = synthesis() {
                    s.cancel();
                }
                state.try_set(Player::Unavailable(NO_VOICE));
            }
        },
        Duration::from_secs(4),
    );
}

/// The "Read to me" button for one activity, its player controls and the text with the
/// sentence being read highlighted.
#[component]
pub fn ReadAloud(
    /// What to read.
    text: String,
    /// The activity's title, for the buttons' names.
    title: String,
) -> impl IntoView {
    let parts = sentences(&text);
    if parts.is_empty() {
        return ().into_any();
    }
    let state = RwSignal::new(Player::Idle);
    let current = RwSignal::new(None::<usize>);
    let round = StoredValue::new(0u32);
    let to_read = StoredValue::new(parts.clone());
    on_cleanup(move || {
        // Leaving the page stops this player's reading.
        if round
            .try_get_value()
            .is_some_and(|r| r != 0 && ROUND.load(Ordering::Relaxed) == r)
        {
            if let Some(s) = synthesis() {
                s.cancel();
            }
        }
    });
    let main_action = move |_| match state.get_untracked() {
        Player::Speaking | Player::Starting => {
            if let Some(s) = synthesis() {
                s.pause();
            }
            state.set(Player::Paused);
        }
        Player::Paused => {
            if let Some(s) = synthesis() {
                s.resume();
            }
            state.set(Player::Speaking);
        }
        _ => to_read.with_value(|p| speak(p, state, current, round)),
    };
    let stop = move |_| {
        round.set_value(0);
        if let Some(s) = synthesis() {
            s.cancel();
        }
        current.set(None);
        state.set(Player::Stopped);
    };
    let main_label = move || match state.get() {
        Player::Speaking | Player::Starting => ("❚❚ ", "Pause"),
        Player::Paused => ("▶ ", "Resume"),
        _ => ("▶ ", "Read to me"),
    };
    let busy = move || state.get().busy();
    let shown = move || !matches!(state.get(), Player::Idle);
    let unavailable = move || matches!(state.get(), Player::Unavailable(_));
    let t = title.clone();
    view! {
        <div class="read-aloud">
            <div class="read-aloud-controls">
                <button type="button" class="button button-quiet listen-button"
                    aria-label=move || format!("{}: {t}", main_label().1)
                    on:click=main_action>
                    <span aria-hidden="true" class="player-icon">{move || main_label().0}</span>
                    {move || main_label().1}
                </button>
                <Show when=busy>
                    <button type="button" class="button button-quiet" aria-label=format!("Stop reading: {title}") on:click=stop>
                        <span aria-hidden="true" class="player-icon">"■ "</span>"Stop"
                    </button>
                </Show>
                <span class="read-aloud-state" class:read-aloud-sorry=unavailable role="status">{move || state.get().words()}</span>
            </div>
            <Show when=move || shown() && !unavailable()>
                <p class="read-aloud-text">
                    {parts.iter().enumerate().map(|(i, s)| {
                        let now = move || current.get() == Some(i);
                        view! { <span class="sentence" class:sentence-now=now>{s.clone()}</span>" " }
                    }).collect_view()}
                </p>
            </Show>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_sentence_by_sentence() {
        assert_eq!(
            sentences("Read the story. Then listen!  Was it fun? Yes…"),
            ["Read the story.", "Then listen!", "Was it fun?", "Yes…"]
        );
        // A dot inside a word or number is not the end of a sentence.
        assert_eq!(
            sentences("Read pages 3.5 to 9.Go"),
            ["Read pages 3.5 to 9.Go"]
        );
        assert_eq!(
            sentences("Line one\nLine two\r\n\n"),
            ["Line one", "Line two"]
        );
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\t ").is_empty());
        assert_eq!(sentences("هل قرأت القصة؟ نعم."), ["هل قرأت القصة؟", "نعم."]);
        assert_eq!(sentences("🎉 Yay! 🎨"), ["🎉 Yay!", "🎨"]);
    }

    #[test]
    fn long_sentences_are_cut_at_spaces_into_short_pieces() {
        let long = "word ".repeat(2_000);
        let parts = sentences(&long);
        assert!(parts.len() > 40);
        assert!(parts
            .iter()
            .all(|p| p.chars().count() <= MAX_PIECE && !p.is_empty()));
        assert_eq!(parts.join(" "), long.trim());
        // No spaces at all: cut hard, never panic inside a multi-byte character.
        let emoji = "😀".repeat(450);
        let parts = sentences(&emoji);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.concat(), emoji);
    }

    #[test]
    fn player_words_are_kind_and_only_busy_states_offer_stop() {
        for p in [Player::Starting, Player::Speaking, Player::Paused] {
            assert!(p.busy());
        }
        for p in [
            Player::Idle,
            Player::Finished,
            Player::Stopped,
            Player::Unavailable(NO_SPEECH),
        ] {
            assert!(!p.busy());
        }
        assert!(Player::Unavailable(NO_VOICE)
            .words()
            .contains("ask a friend"));
        assert_eq!(Player::Idle.words(), "");
    }
}
