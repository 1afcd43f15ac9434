//! The phrases a sample class is made of: names, interests, goals, reflections, comments.

use super::Rng;

pub(super) const FIRST_NAMES: &[&str] = &[
    "Amara", "Ben", "Carlos", "Dana", "Eli", "Fatima", "Gus", "Hana", "Isaac", "Jada", "Kenji",
    "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Victor",
    "Wren", "Ximena", "Yusuf", "Zoë", "Aiden", "Bea", "Chen", "Diego", "Emre", "Freya", "Grace",
    "Hugo", "Ines", "Jonah", "Kaia", "Liam", "Maya", "Noor",
];
pub(super) const AVATARS: &[&str] = &[
    "🦊", "🐢", "🚀", "🌻", "🐙", "⚽", "🎨", "🦉", "🌈", "🐝", "🎸", "🦖",
];
pub(super) const INTERESTS: &[&str] = &[
    "football",
    "drawing",
    "dinosaurs",
    "music",
    "cooking",
    "video games",
    "horses",
    "space",
    "building things",
    "animals",
    "dance",
    "coding",
];
pub(super) const STRENGTHS: &[&str] = &[
    "I'm good at explaining",
    "I keep going when it's hard",
    "I notice details",
    "I'm creative",
    "I help my friends",
    "I ask good questions",
];
pub(super) const LEARN: &[&str] = &[
    "with a partner",
    "by listening first",
    "by trying it with my hands",
    "with pictures and videos",
    "in a quiet place",
    "step by step",
];
pub(super) const SHOW: &[&str] = &[
    "drawing",
    "talking about it",
    "building a model",
    "writing",
    "making a video",
    "making slides",
];
pub(super) const SUPPORTS: &[&str] = &[
    "text read aloud",
    "extra time",
    "a checklist",
    "a quiet corner",
    "sentence starters",
    "breaks when I need them",
];

pub(super) const CAN_VERBS: &[&str] = &[
    "find the main idea of",
    "explain the theme of",
    "compare two characters in",
    "use evidence from",
    "summarize",
    "ask questions about",
    "describe the setting of",
    "explain how a problem is solved in",
];
pub(super) const CAN_OBJECTS: &[&str] = &[
    "a short story",
    "a poem",
    "a news article",
    "a chapter book",
    "a myth",
    "an informational text",
];

pub(super) const WILL_VERBS: &[&str] = &[
    "read", "practise", "write", "finish", "learn", "explain", "draw", "revise",
];
pub(super) const WILL_OBJECTS: &[&str] = &[
    "two chapters of my book",
    "my spelling words",
    "a paragraph about the main idea",
    "my story map",
    "the notes for my essay",
    "three new facts about my topic",
    "my comic about the myth",
    "the second draft of my poem",
];
pub(super) const WILL_WHEN: &[&str] = &[
    "every night before bed",
    "each school day for 15 minutes",
    "by Friday",
    "before the end of the unit",
    "three times this week",
    "with my reading buddy on Tuesdays",
];
pub(super) const KNOW: &[&str] = &[
    "I can tell the story to a friend without looking",
    "I get 8 out of 10 right on my check-in",
    "my partner can find the main idea in my writing",
    "I can explain it in my own words",
    "I use two quotes from the text",
    "my teacher and I agree it meets the checklist",
];
pub(super) const PLAN: &[&str] = &[
    "Pick a book from the class library",
    "Make a list of words I don't know",
    "Read for 20 minutes",
    "Ask my buddy to quiz me",
    "Write a first draft",
    "Check my work with the checklist",
    "Share it with my group",
    "Fix my spelling and punctuation",
];
pub(super) const HOME: &[&str] = &[
    "Ask me what I read today",
    "Help me find a quiet place to read",
    "Quiz me on my words at dinner",
    "Listen to me explain my project",
    "Remind me to pack my book",
    "Read a page together with me",
];

pub(super) const WENT_WELL: &[&str] = &[
    "Today I finished my notes",
    "Reading with my buddy went really well",
    "I understood the theme this time",
    "My draft was easier than I thought",
    "I remembered all my spelling words",
];
pub(super) const WAS_HARD: &[&str] = &[
    "It was hard to find evidence in the text",
    "I got stuck on the long words",
    "Writing the ending was hard",
    "I kept getting distracted",
    "The audiobook was too fast for me",
];
pub(super) const NEXT: &[&str] = &[
    "Next time I will plan before I write",
    "I want to try the listening version",
    "I will ask for help sooner",
    "Next I will read one more chapter",
    "I'm going to use the checklist",
];
pub(super) const BECAUSE: &[&str] = &[
    "because I practised every day.",
    "and I want to get better at it.",
    "so I asked my teacher for help.",
    "but I didn't give up!",
    "and my partner helped me a lot.",
    "so I'll try again tomorrow.",
];

pub(super) const TEACHER_SAYS: &[&str] = &[
    "Great start! Can you add how you'll measure it?",
    "I love how specific this is.",
    "Try adding one more step to your plan.",
    "Your evidence shows real progress, well done.",
    "What will you do if you get stuck?",
    "Nice work using quotes from the text.",
    "Let's talk about your date at our check-in.",
];
pub(super) const PEER_SAYS: &[&str] = &[
    "I like your comic idea!",
    "Can I read your story when it's done?",
    "Your poster looks really cool.",
    "Maybe add a picture here?",
    "I did the same book, it was fun.",
];
pub(super) const EVIDENCE_TEXT: &[&str] = &[
    "I wrote a summary of chapter 3 in my journal",
    "Here is my story map with the main events",
    "I made a poster about the theme",
    "My notes from the audiobook",
    "I explained the main idea to my group",
    "Draft two of my essay with the changes",
];
pub(super) const ACTIVITY_TITLES: &[&str] = &[
    "Mini-lesson",
    "Read the short story",
    "Take notes",
    "Vocabulary game",
    "Partner discussion",
    "Story map",
    "Quick write",
    "Research station",
];
pub(super) const UNIT_TITLES: &[&str] = &[
    "Short stories",
    "Myths and legends",
    "Poetry",
    "News and opinions",
    "Biographies",
    "Mysteries",
    "Our community",
    "Fantasy worlds",
];

pub(super) fn sentence(rng: &mut Rng, a: &[&str], b: &[&str]) -> String {
    format!("{} {}", rng.pick(a), rng.pick(b))
}
