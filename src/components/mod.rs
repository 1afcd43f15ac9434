//! Reusable pieces of the interface, one per file.

mod page;
mod site_header;
mod storage_banner;

pub use page::Page;
pub use site_header::SiteHeader;
pub use storage_banner::StorageBanner;
