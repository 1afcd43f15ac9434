//! The menu of formats: the eight built-in ones, a reference to a built-in or teacher's
//! format, and what a unit's menu offers a student.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::super::ids::{Id, ParseStr, ID_LEN};
use super::ProductFormat;

/// The built-in menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuiltinFormat {
    /// Essay.
    Essay,
    /// Website.
    Website,
    /// Infographic.
    Infographic,
    /// Video script.
    VideoScript,
    /// Podcast.
    Podcast,
    /// Slideshow.
    Slideshow,
    /// Comic.
    Comic,
    /// Poster or model.
    PosterOrModel,
}

impl BuiltinFormat {
    /// All built-in formats in menu order.
    pub const ALL: [BuiltinFormat; 8] = [
        BuiltinFormat::Essay,
        BuiltinFormat::Website,
        BuiltinFormat::Infographic,
        BuiltinFormat::VideoScript,
        BuiltinFormat::Podcast,
        BuiltinFormat::Slideshow,
        BuiltinFormat::Comic,
        BuiltinFormat::PosterOrModel,
    ];

    /// Stored key.
    pub fn key(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "es",
            BuiltinFormat::Website => "wb",
            BuiltinFormat::Infographic => "ig",
            BuiltinFormat::VideoScript => "vs",
            BuiltinFormat::Podcast => "pc",
            BuiltinFormat::Slideshow => "ss",
            BuiltinFormat::Comic => "cm",
            BuiltinFormat::PosterOrModel => "pm",
        }
    }

    /// Reads a stored key.
    pub fn from_key(k: &str) -> Option<BuiltinFormat> {
        BuiltinFormat::ALL.into_iter().find(|f| f.key() == k)
    }

    /// Name shown on the menu.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "Essay",
            BuiltinFormat::Website => "Website",
            BuiltinFormat::Infographic => "Infographic",
            BuiltinFormat::VideoScript => "Video script",
            BuiltinFormat::Podcast => "Podcast",
            BuiltinFormat::Slideshow => "Slideshow",
            BuiltinFormat::Comic => "Comic",
            BuiltinFormat::PosterOrModel => "Poster or model",
        }
    }

    /// One-line description.
    pub fn description(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "Explain your thinking in paragraphs.",
            BuiltinFormat::Website => "Build a few linked pages that teach others.",
            BuiltinFormat::Infographic => {
                "Show the big ideas with pictures, numbers and few words."
            }
            BuiltinFormat::VideoScript => "Write what people will see and hear in a short video.",
            BuiltinFormat::Podcast => "Talk about it, alone or with a partner, in a recording.",
            BuiltinFormat::Slideshow => "Make slides you could present to the class.",
            BuiltinFormat::Comic => "Tell it as a story in panels with speech bubbles.",
            BuiltinFormat::PosterOrModel => "Make something people can look at or hold.",
        }
    }

    /// What good looks like.
    pub fn example(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "A clear opening idea, three paragraphs with evidence from the text, and an ending that ties it together.",
            BuiltinFormat::Website => "A home page, one page per big idea, and links that work.",
            BuiltinFormat::Infographic => "A title that asks a question, 3–5 facts with icons, and where the facts came from.",
            BuiltinFormat::VideoScript => "Two columns, what we see and what we hear, and a strong first 10 seconds.",
            BuiltinFormat::Podcast => "An intro, three talking points with examples, and a wrap-up, under 5 minutes.",
            BuiltinFormat::Slideshow => "One idea per slide, few words, pictures that help, and speaker notes.",
            BuiltinFormat::Comic => "Six panels or more, characters who explain the idea, and a clear ending.",
            BuiltinFormat::PosterOrModel => "Labels on every part and a short card that explains what it shows.",
        }
    }
}

impl BuiltinFormat {
    /// Words a student's interests may share with this format beyond its name and
    /// description ("drawing" suggests a comic), used only to suggest, never to filter.
    pub fn related_words(self) -> &'static str {
        match self {
            BuiltinFormat::Essay => "writing reading books stories words",
            BuiltinFormat::Website => "coding computers technology games design",
            BuiltinFormat::Infographic => "drawing design numbers maths facts charts art",
            BuiltinFormat::VideoScript => "video film movies acting youtube theatre",
            BuiltinFormat::Podcast => "music talking radio audio singing",
            BuiltinFormat::Slideshow => "presenting pictures photos photography talking",
            BuiltinFormat::Comic => "drawing art superheroes manga cartoons stories",
            BuiltinFormat::PosterOrModel => "drawing building art crafts lego model making",
        }
    }
}

/// The words shown for a format on a menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatInfo {
    /// Name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// What good looks like.
    pub example: String,
    /// Extra words for matching interests (built-in formats only).
    pub related: String,
}

/// The words for a format on a menu: a built-in one, or the teacher's own (`None` when
/// that record is missing or deleted, so the menu leaves it out).
pub fn format_info(format: FormatRef, custom: &[ProductFormat]) -> Option<FormatInfo> {
    match format {
        FormatRef::Builtin(b) => Some(FormatInfo {
            name: b.name().to_string(),
            description: b.description().to_string(),
            example: b.example().to_string(),
            related: b.related_words().to_string(),
        }),
        FormatRef::Custom(id) => custom
            .iter()
            .find(|f| f.meta.id == id && !f.meta.deleted)
            .map(|f| FormatInfo {
                name: f.name.clone(),
                description: f.description.clone(),
                example: f.example.clone(),
                related: String::new(),
            }),
    }
}

/// The formats a student may pick from: the unit's menu, or, when the teacher set no
/// menu (any format is allowed, see [`FormatChoice::choose`](super::FormatChoice::choose)), every built-in format and
/// the teacher's own formats that are not retired or deleted.
pub fn offered_formats(menu: &[FormatRef], custom: &[ProductFormat]) -> Vec<FormatRef> {
    if !menu.is_empty() {
        return menu.to_vec();
    }
    BuiltinFormat::ALL
        .into_iter()
        .map(FormatRef::Builtin)
        .chain(
            custom
                .iter()
                .filter(|f| !f.meta.deleted && !f.retired)
                .map(|f| FormatRef::Custom(f.meta.id)),
        )
        .collect()
}

/// A format on a unit's menu: built-in (stored as its key) or the teacher's own (its id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormatRef {
    /// A built-in format.
    Builtin(BuiltinFormat),
    /// A teacher's [`ProductFormat`].
    Custom(Id),
}

impl fmt::Display for FormatRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatRef::Builtin(b) => f.write_str(b.key()),
            FormatRef::Custom(id) => write!(f, "{id}"),
        }
    }
}

impl Serialize for FormatRef {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FormatRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(ParseStr(|s: &str| {
            if s.len() == ID_LEN {
                return Id::parse(s)
                    .map(FormatRef::Custom)
                    .map_err(|e| e.to_string());
            }
            BuiltinFormat::from_key(s)
                .map(FormatRef::Builtin)
                .ok_or_else(|| "unknown product format".to_string())
        }))
    }
}
