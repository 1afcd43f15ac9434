//! Who changes a record: a role and a profile id, stored as one short string.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::super::error::DomainError;
use super::super::ids::{split_tagged, Id, ParseStr};

/// Who is using the app. Families only ever read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A student profile on this device.
    Student,
    /// The teacher.
    Teacher,
    /// A family member viewing one child.
    Family,
}

impl Role {
    fn letter(self) -> char {
        match self {
            Role::Student => 's',
            Role::Teacher => 't',
            Role::Family => 'f',
        }
    }
}

/// A person who made a change: their role and profile id. Kept on every change so history
/// can say who did what. Serialized as one string, role letter + id (`"tAbC…"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Actor {
    /// Student, teacher or family.
    pub role: Role,
    /// The student's profile id, the teacher's id, or the family viewer's id.
    pub id: Id,
}

impl Actor {
    /// A student acting for themselves.
    pub fn student(id: Id) -> Actor {
        Actor {
            role: Role::Student,
            id,
        }
    }
    /// The teacher.
    pub fn teacher(id: Id) -> Actor {
        Actor {
            role: Role::Teacher,
            id,
        }
    }
    /// A family viewer.
    pub fn family(id: Id) -> Actor {
        Actor {
            role: Role::Family,
            id,
        }
    }
    /// True for a teacher.
    pub fn is_teacher(&self) -> bool {
        self.role == Role::Teacher
    }
    /// True when this is the given student acting for themselves.
    pub fn is_student(&self, student: Id) -> bool {
        self.role == Role::Student && self.id == student
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.role.letter(), self.id)
    }
}

impl std::str::FromStr for Actor {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (tag, id) = split_tagged(s)?;
        let role = match tag {
            's' => Role::Student,
            't' => Role::Teacher,
            'f' => Role::Family,
            _ => return Err(DomainError::BadId(s.chars().take(40).collect())),
        };
        Ok(Actor { role, id })
    }
}

impl Serialize for Actor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(ParseStr(str::parse::<Actor>))
    }
}
