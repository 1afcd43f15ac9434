//! Reusable pieces of the interface, one per file.

mod app_notices;
mod emoji;
mod feedback;
mod link;
mod page;
mod pictures;
mod pin;
mod show_older;
mod site_header;
mod storage_banner;

pub use app_notices::{AppNotices, InstallButton};
pub use emoji::emoji_drawn;
pub use feedback::{Feedback, FeedbackLines};
pub use link::Link;
pub use page::{AreaNav, Page};
pub use pictures::{PicturePasswordSetter, PictureUnlock};
pub use pin::{NewPinFields, PinUnlock, PIN_HONESTY};
pub use show_older::ShowOlder;
pub use site_header::SiteHeader;
pub use storage_banner::StorageBanner;
