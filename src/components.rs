//! Reusable pieces of the interface, one per file.

mod app_notices;
mod emoji;
mod feedback;
mod focus;
mod folder_line;
mod link;
mod page;
mod pictures;
mod pin;
mod refusals;
mod removed_elsewhere;
mod show_older;
mod site_header;
mod space_note;
mod storage_banner;

pub use app_notices::{AppNotices, InstallButton};
pub use emoji::emoji_drawn;
pub use feedback::{Feedback, FeedbackLines};
pub use focus::focus_later;
pub use folder_line::{sync_words, FolderLine};
pub use link::Link;
pub use page::{AreaNav, Page};
pub use pictures::{PicturePasswordSetter, PictureUnlock};
pub use pin::{NewPinFields, PinUnlock, PIN_HONESTY};
pub use refusals::{kind_words, names_from, refusal_lines, refused_words, MAX_REFUSALS_LISTED};
pub use removed_elsewhere::RemovedElsewhere;
pub use show_older::ShowOlder;
pub use site_header::SiteHeader;
pub use space_note::{space_advice, SpaceNote};
pub use storage_banner::StorageBanner;
