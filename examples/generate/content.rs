//! What the rows say: cohort seasons and tracks, people's names, goal titles, comments, formats and durations.

use crate::rng::Rng;

pub(crate) const SEASONS: [(&str, &str); 3] = [
    ("autumn", "Autumn"),
    ("winter", "Winter"),
    ("spring", "Spring"),
];

/// Tracks in cohort order; the third is the small cohort.
pub(crate) const TRACKS: [&str; 6] = [
    "Engineering",
    "Product & Design",
    "Leadership",
    "Engineering",
    "People & Operations",
    "Engineering",
];

pub(crate) fn track_description(track: &str) -> &'static str {
    match track {
        "Engineering" => {
            "Pairs experienced engineers with those early in their career: code review habits, design docs, on-call and growing scope."
        }
        "Product & Design" => {
            "Product managers and designers mentoring across disciplines; discovery, \"saying no\" and working with engineering."
        }
        "Leadership" => {
            "A small circle for new people managers: first 1:1s, feedback, hiring and difficult conversations."
        }
        _ => {
            "Open to everyone in People, Finance and Operations; career conversations, visibility and cross-team projects."
        }
    }
}

pub(crate) const SYLLABLES: [&str; 32] = [
    "ka", "lo", "mi", "ra", "tes", "vin", "da", "no", "el", "sa", "ber", "tin", "jo", "ha", "lu",
    "ne", "mar", "ko", "ri", "an", "to", "vel", "si", "den", "lé", "fa", "gun", "ip", "ros", "be",
    "ya", "zø",
];

pub(crate) const DEPARTMENTS: [&str; 11] = [
    "Engineering",
    "Product",
    "Design",
    "Data",
    "Sales",
    "Customer Success",
    "Finance",
    "People",
    "Marketing",
    "Legal",
    "Operations",
];

pub(crate) const GOAL_TITLES: [&str; 30] = [
    "Lead a design review",
    "Present at the engineering all-hands",
    "Write a design doc for the billing migration",
    "Run a retrospective for the team",
    "Improve estimation, planning and follow-up",
    "Get comfortable giving feedback to peers",
    "Build a network outside my department",
    "Prepare for promotion to senior",
    "Learn the basics of SQL",
    "Shadow a customer call every month",
    "Mentor an intern over the summer",
    "Own the on-call rotation for a quarter",
    "Speak up in planning meetings",
    "Publish an internal blog post",
    "Delegate more, do less myself",
    "Understand the company's financials",
    "Run my first hiring interview",
    "Set boundaries and protect focus time",
    "Write a \"how we work\" page for the team",
    "Ship a small feature end to end",
    "Learn to say no to low-priority requests",
    "Improve written communication",
    "Get certified in project management",
    "Facilitate a workshop",
    "Plan my next career step",
    "Reduce meeting load by a third",
    "Give a talk at a meetup",
    "Pair with a designer on a prototype",
    "Build a dashboard for my team's metrics",
    "Handle a difficult conversation with confidence",
];

pub(crate) const GOAL_CATEGORIES: [&str; 4] = ["Skills", "Career", "Visibility", "Wellbeing"];

pub(crate) const COMMENTS: [&str; 16] = [
    "Great sessions, very practical.",
    "We struggled to find time, but it was worth it.",
    "My mentor said \"just ship it\" and it worked.",
    "Helpful; would like more structure in the first month.",
    "Not enough time together.",
    "Loved it! Learned a lot about stakeholder management, planning and prioritising.",
    "The goal template felt like \"homework\", otherwise good.",
    "Meetings were cancelled often.",
    "Would recommend to every new joiner.",
    "Good match, different department; new perspective.",
    "Hard to keep momentum over the summer.",
    "Fine.",
    "Too many surveys, honestly.",
    "I finally understand how \"the roadmap\" gets made.",
    "Great mentee, asked sharp questions.\nLooking forward to the next cohort.",
    "Could the programme team suggest topics for each month?",
];

pub(crate) const KICKOFF_COMMENT: &str =
    "Kick-off was useful.\nPlease share the slides; and the \"first meeting\" checklist, too.";

pub(crate) const FORMATS: [&str; 3] = ["video", "in person", "phone"];
pub(crate) const DURATIONS: [&str; 8] = ["30", "45", "45", "60", "60", "60", "75", "90"];

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' => Some('e'),
            'ø' => Some('o'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) department: &'static str,
}

pub(crate) fn new_person(rng: &mut Rng) -> Person {
    let mut first = String::new();
    for _ in 0..rng.range(2, 3) {
        first.push_str(rng.pick(&SYLLABLES));
    }
    let mut last = String::new();
    for _ in 0..rng.range(2, 3) {
        last.push_str(rng.pick(&SYLLABLES));
    }
    let (first, last) = (capitalised(&first), capitalised(&last));
    let email = format!("{}.{}@example.com", ascii_fold(&first), ascii_fold(&last));
    Person {
        name: format!("{first} {last}"),
        email,
        department: rng.pick(&DEPARTMENTS),
    }
}
