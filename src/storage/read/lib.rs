//! Each record kind's reader, for loading: a class-year is 26,000 records read at every
//! start. This crate is built at opt-level 3 (see the workspace's Cargo.toml) while the
//! rest of the app, the domain included, is built for size: the domain's quick readers
//! are `#[inline]`, so the copy made here, with serde's code under it, is compiled for
//! speed, and only this copy is, for the five kinds of student work.

use wayfinder_domain::{
    Class, Comment, Evidence, FormatChoice, FromJson, Goal, Group, HelpFlag, LearningTarget,
    Pathway, ProductFormat, Rating, Reflection, StudentProfile, Unit,
};

/// Reads a stored record: the same result as [`FromJson::from_json`].
pub trait FastRead: Sized {
    /// The record in `json`, or why it cannot be read.
    fn fast_read(json: &str) -> serde_json::Result<Self>;
}

/// The kinds a class-year has thousands of: read on the quick path, compiled here.
macro_rules! fast_read {
    ($($t:ty),*) => {$(
        impl FastRead for $t {
            fn fast_read(json: &str) -> serde_json::Result<Self> {
                match <$t as FromJson>::from_json_known(json) {
                    Some(r) => Ok(r),
                    // Unknown fields to keep, or an error to report: the usual way.
                    None => <$t as FromJson>::from_json(json),
                }
            }
        }
    )*};
}
fast_read!(Goal, Evidence, Reflection, Comment, Rating);

/// The kinds a class has a few dozen of: the domain's reader as it is (a fast copy of
/// their larger types would cost more download than it saves time).
macro_rules! usual_read {
    ($($t:ty),*) => {$(
        impl FastRead for $t {
            fn fast_read(json: &str) -> serde_json::Result<Self> {
                <$t as FromJson>::from_json(json)
            }
        }
    )*};
}
usual_read!(
    Class,
    StudentProfile,
    Group,
    LearningTarget,
    Unit,
    ProductFormat,
    FormatChoice,
    Pathway,
    HelpFlag
);

#[cfg(test)]
mod tests {
    use super::*;
    use wayfinder_domain::sample::{sample_class, SampleScale};
    use wayfinder_domain::Timestamp;

    #[test]
    fn reads_what_serde_reads() {
        let data = sample_class(3, &SampleScale::demo(), Timestamp(1_756_684_800_000), "d1");
        for goal in &data.goals {
            let json = serde_json::to_string(goal).unwrap();
            assert_eq!(&Goal::fast_read(&json).unwrap(), goal);
        }
        let comment = &data.comments[0];
        let json = serde_json::to_string(comment).unwrap();
        // A field from a newer version is kept; a damaged record is refused.
        let newer = format!("{},\"zz\":1}}", &json[..json.len() - 1]);
        let read = Comment::fast_read(&newer).unwrap();
        assert_eq!(read.extra.get("zz"), Some(&serde_json::json!(1)));
        assert!(Comment::fast_read(&json[..json.len() - 1]).is_err());
    }
}
