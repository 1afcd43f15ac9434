//! Product formats (how a student shows what they learned) and a student's choice of one.
//!
//! The eight built-in formats are not stored as records: a unit's menu refers to them by
//! a two-letter key, so they cost nothing and their words can be translated. Teachers add
//! their own formats as [`ProductFormat`] records, referred to by id. A student's "my own
//! idea" is a [`FormatChoice`] without a menu format: it goes through the same review
//! states as a goal (draft → submitted → changes requested / approved, withdraw, reopen)
//! and only counts once approved.
//!
//! Serialized names of [`ProductFormat`]: `n` name, `ds` one-line description, `ex`
//! example of good work, `rt` retired. Of [`FormatChoice`]: `s` student, `un` unit, `g`
//! goal, `f` menu format (absent for own idea), `w` why it fits me, `o` own-idea
//! proposal, `st` review state, `h` history.
//!
//! Rooms: `menu` (the built-in formats, [`FormatRef`] and what a menu offers), `choice`
//! (a student's [`FormatChoice`] and its review); the teacher's [`ProductFormat`] is here.

use super::class::only_teacher;
use super::error::Result;
use super::ids::Id;
use super::record::{impl_record, is_false, record_struct, Ctx, Meta};
use super::validate::{self, MAX_LINE};

mod choice;
mod menu;
#[cfg(test)]
mod tests;

pub use choice::{check_idea, check_why, current_choice, ChoiceFor, FormatChoice};
pub use menu::{format_info, offered_formats, BuiltinFormat, FormatInfo, FormatRef};

record_struct! {
    /// A teacher's own product format.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ProductFormat {
        /// Name.
        #[serde(rename = "n")]
        pub name: String,
        /// One-line description.
        #[serde(rename = "ds", default, skip_serializing_if = "String::is_empty")]
        pub description: String,
        /// What good looks like.
        #[serde(rename = "ex", default, skip_serializing_if = "String::is_empty")]
        pub example: String,
        /// Retired: not offered on new menus.
        #[serde(rename = "rt", default, skip_serializing_if = "is_false")]
        pub retired: bool,
    }
}

impl_record!(ProductFormat, Kind::Format, |_f| None, |f| {
    f.name.clear();
    f.description.clear();
    f.example.clear();
});

impl ProductFormat {
    /// A teacher's format.
    pub fn new(
        id: Id,
        name: &str,
        description: &str,
        example: &str,
        ctx: &Ctx,
    ) -> Result<ProductFormat> {
        only_teacher(ctx, "add product formats")?;
        validate::max_len("The description", description.trim(), MAX_LINE)?;
        validate::optional_text("The example", example)?;
        Ok(ProductFormat {
            meta: Meta::new(id, ctx),
            name: validate::required("the format name", name, MAX_LINE)?,
            description: description.trim().to_string(),
            example: example.trim().to_string(),
            retired: false,
            extra: Default::default(),
        })
    }
}
