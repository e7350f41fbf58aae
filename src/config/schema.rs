//! The six tables, their columns and the values of their set columns: the one list the config, the loader and the generator read.
//!
//! To add a column, add one line to [`cols`]: the config then accepts it in
//! `[data.NAME.columns]`, the loader finds it in the file's headers, and
//! messages list it. docs/data.md says the same to users.

/// The six tables (docs/data.md), in the order they are loaded and reported.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum TableKind {
    Cohorts,
    Participants,
    Pairs,
    Meetings,
    Goals,
    Feedback,
}

impl TableKind {
    pub const ALL: [TableKind; 6] = [
        TableKind::Cohorts,
        TableKind::Participants,
        TableKind::Pairs,
        TableKind::Meetings,
        TableKind::Goals,
        TableKind::Feedback,
    ];

    /// The table's name, as in `data/NAME.csv` and `[data.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Cohorts => "cohorts",
            TableKind::Participants => "participants",
            TableKind::Pairs => "pairs",
            TableKind::Meetings => "meetings",
            TableKind::Goals => "goals",
            TableKind::Feedback => "feedback",
        }
    }

    /// The name of one row, as in a TOML data file's `[[meeting]]`.
    pub fn singular(self) -> &'static str {
        match self {
            TableKind::Cohorts => "cohort",
            TableKind::Participants => "participant",
            TableKind::Pairs => "pair",
            TableKind::Meetings => "meeting",
            TableKind::Goals => "goal",
            TableKind::Feedback => "feedback",
        }
    }

    /// Whether a program folder must have this table.
    pub fn required(self) -> bool {
        matches!(self, TableKind::Cohorts | TableKind::Pairs)
    }

    /// Every column mentorbook reads from this table, in the order messages list them.
    pub fn columns(self) -> &'static [Col] {
        match self {
            TableKind::Cohorts => cols::cohorts::ALL,
            TableKind::Participants => cols::participants::ALL,
            TableKind::Pairs => cols::pairs::ALL,
            TableKind::Meetings => cols::meetings::ALL,
            TableKind::Goals => cols::goals::ALL,
            TableKind::Feedback => cols::feedback::ALL,
        }
    }

    /// The names of [`TableKind::columns`].
    pub fn column_names(self) -> &'static [&'static str] {
        match self {
            TableKind::Cohorts => cols::cohorts::NAMES,
            TableKind::Participants => cols::participants::NAMES,
            TableKind::Pairs => cols::pairs::NAMES,
            TableKind::Meetings => cols::meetings::NAMES,
            TableKind::Goals => cols::goals::NAMES,
            TableKind::Feedback => cols::feedback::NAMES,
        }
    }

    /// The columns holding a whole number on mentorbook's scale, which the
    /// config may map from an export's scale (`scales`) and labels
    /// (`values`): each with its lowest and highest value.
    pub fn scored_columns(self) -> &'static [(Col, u8, u8)] {
        match self {
            TableKind::Feedback => &[(cols::feedback::RATING, 1, 5), (cols::feedback::NPS, 0, 10)],
            _ => &[],
        }
    }

    /// Whether a row may name its pair by its people instead of `pair_id`
    /// (docs/data.md, "Pairs named by people").
    pub fn names_pairs_by_people(self) -> bool {
        matches!(
            self,
            TableKind::Meetings | TableKind::Goals | TableKind::Feedback
        )
    }

    /// The columns whose values come from a fixed set.
    pub fn set_columns(self) -> impl Iterator<Item = Col> {
        self.columns()
            .iter()
            .copied()
            .filter(|c| !c.values.is_empty())
    }
}

/// A handle on a column, as [`cols`] has them: a pointer, so that passing
/// one to each field read costs a word.
pub type Col = &'static Column;

/// A column of one table.
#[derive(PartialEq, Eq, Debug)]
pub struct Column {
    /// Its position in [`TableKind::columns`].
    pub index: usize,
    pub name: &'static str,
    /// Whether the file must have the column (some tables also need one
    /// of two columns, which their loader checks).
    pub required: bool,
    /// The values it takes, for a column with a fixed set; else empty.
    pub values: &'static [&'static str],
    /// Columns that stand in for a required column when the file has one
    /// of them (the people naming a pair instead of `pair_id`).
    pub alternatives: &'static [&'static str],
}

impl Column {
    /// The column with its values taken from a fixed set.
    const fn one_of(self, values: &'static [&'static str]) -> Column {
        Column { values, ..self }
    }

    const fn at(self, index: usize) -> Column {
        Column { index, ..self }
    }

    /// A required column the file may leave out when it has one of `alternatives`.
    const fn unless(self, alternatives: &'static [&'static str]) -> Column {
        Column {
            alternatives,
            ..self
        }
    }
}

/// The columns that name a pair by its people (docs/data.md, "Pairs named
/// by people"), standing in for `pair_id`.
const PEOPLE: &[&str] = &["mentor_id", "mentee_id", "participant_id"];

/// A column every file of its table must have ([`cols`] numbers it).
const fn required(name: &'static str) -> Column {
    Column {
        index: 0,
        name,
        required: true,
        values: &[],
        alternatives: &[],
    }
}

/// A column a file may leave out ([`cols`] numbers it).
const fn optional(name: &'static str) -> Column {
    Column {
        required: false,
        ..required(name)
    }
}

/// The names of the first `N` columns, for each table's `NAMES`.
const fn names<const N: usize>(columns: &[Col]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = columns[i].name;
        i += 1;
    }
    names
}

/// The columns of each table: `cols::meetings::DATE` and so on, each
/// numbered by its place in the list, plus `ALL` and `NAMES` per table.
pub mod cols {
    use super::{Col, GoalStatus, PEOPLE, PairStatus, Role, names, optional, required};

    macro_rules! columns {
        ($($table:ident { $($name:ident = $spec:expr),* $(,)? })*) => {
            $(pub mod $table {
                use super::*;
                columns!(@each 0usize; $($name = $spec),*);
                pub const ALL: &[Col] = &[$($name),*];
                pub const NAMES: &[&str] = &names::<{ ALL.len() }>(ALL);
            })*
        };
        (@each $i:expr; $name:ident = $spec:expr $(, $rest:ident = $rest_spec:expr)*) => {
            pub const $name: Col = &$spec.at($i);
            columns!(@each $i + 1; $($rest = $rest_spec),*);
        };
        (@each $i:expr;) => {};
    }

    columns! {
        cohorts {
            COHORT_ID = required("cohort_id"),
            NAME = required("name"),
            START_DATE = required("start_date"),
            END_DATE = optional("end_date"),
            DESCRIPTION = optional("description"),
            TRACK = optional("track"),
        }
        participants {
            PARTICIPANT_ID = required("participant_id"),
            COHORT_ID = required("cohort_id"),
            ROLE = required("role").one_of(&Role::NAMES),
            NAME = optional("name"),
            EMAIL = optional("email"),
            DEPARTMENT = optional("department"),
        }
        pairs {
            PAIR_ID = required("pair_id"),
            COHORT_ID = required("cohort_id"),
            MENTOR_ID = required("mentor_id"),
            MENTEE_ID = required("mentee_id"),
            MATCHED_ON = required("matched_on"),
            ENDED_ON = optional("ended_on"),
            STATUS = optional("status").one_of(&PairStatus::NAMES),
        }
        // `pair_id` is required unless the file names pairs by their
        // people (`mentor_id` and `mentee_id`, or one of them, or
        // `participant_id`): data/load/people.rs finds each row's pair. A
        // row's `cohort_id` narrows the search.
        meetings {
            PAIR_ID = required("pair_id").unless(PEOPLE),
            DATE = required("date"),
            MEETING_ID = optional("meeting_id"),
            DURATION_MINUTES = optional("duration_minutes"),
            FORMAT = optional("format"),
            COHORT_ID = optional("cohort_id"),
            MENTOR_ID = optional("mentor_id"),
            MENTEE_ID = optional("mentee_id"),
            PARTICIPANT_ID = optional("participant_id"),
        }
        goals {
            GOAL_ID = required("goal_id"),
            PAIR_ID = required("pair_id").unless(PEOPLE),
            CREATED_ON = required("created_on"),
            STATUS = required("status").one_of(&GoalStatus::NAMES),
            TITLE = optional("title"),
            DUE_ON = optional("due_on"),
            COMPLETED_ON = optional("completed_on"),
            COHORT_ID = optional("cohort_id"),
            MENTOR_ID = optional("mentor_id"),
            MENTEE_ID = optional("mentee_id"),
            PARTICIPANT_ID = optional("participant_id"),
        }
        feedback {
            // Unless a person names the pair: a row without a role then
            // takes that person's role (the feedback loader checks).
            RESPONDENT_ROLE = required("respondent_role").one_of(&Role::NAMES).unless(PEOPLE),
            SUBMITTED_ON = required("submitted_on"),
            // One of `pair_id` (or the pair's people) and `cohort_id`, and
            // one of `rating` and `nps`, is required: the feedback loader
            // checks that.
            PAIR_ID = optional("pair_id"),
            COHORT_ID = optional("cohort_id"),
            RATING = optional("rating"),
            NPS = optional("nps"),
            RESPONSE_ID = optional("response_id"),
            COMMENT = optional("comment"),
            MENTOR_ID = optional("mentor_id"),
            MENTEE_ID = optional("mentee_id"),
            PARTICIPANT_ID = optional("participant_id"),
        }
    }
}

/// A participant's role in a cohort, and a feedback respondent's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Role {
    Mentor,
    Mentee,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Mentor, Role::Mentee];
    /// The values of `role` and `respondent_role`, in [`Role::ALL`] order.
    pub const NAMES: [&'static str; 2] = ["mentor", "mentee"];

    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A pair's `status`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PairStatus {
    Active,
    Completed,
    EndedEarly,
}

impl PairStatus {
    pub const ALL: [PairStatus; 3] = [
        PairStatus::Active,
        PairStatus::Completed,
        PairStatus::EndedEarly,
    ];
    /// The values of `pairs.status`, in [`PairStatus::ALL`] order.
    pub const NAMES: [&'static str; 3] = ["active", "completed", "ended_early"];

    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A goal's `status`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Completed,
    Abandoned,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::NotStarted,
        GoalStatus::InProgress,
        GoalStatus::Completed,
        GoalStatus::Abandoned,
    ];
    /// The values of `goals.status`, in [`GoalStatus::ALL`] order.
    pub const NAMES: [&'static str; 4] = ["not_started", "in_progress", "completed", "abandoned"];

    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_numbered_in_order_and_named_uniquely() {
        for kind in TableKind::ALL {
            let columns = kind.columns();
            assert_eq!(columns.len(), kind.column_names().len(), "{kind:?}");
            for (i, (c, name)) in columns.iter().zip(kind.column_names()).enumerate() {
                assert_eq!(c.index, i, "{kind:?}");
                assert_eq!(c.name, *name, "{kind:?}");
                assert_eq!(
                    columns.iter().filter(|o| o.name == c.name).count(),
                    1,
                    "{kind:?}: {}",
                    c.name
                );
            }
        }
    }

    #[test]
    fn set_values_name_their_variants() {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(*role as usize, i);
        }
        for (i, status) in PairStatus::ALL.iter().enumerate() {
            assert_eq!(*status as usize, i);
        }
        for (i, status) in GoalStatus::ALL.iter().enumerate() {
            assert_eq!(*status as usize, i);
        }
        assert_eq!(GoalStatus::Abandoned.as_str(), "abandoned");
        let sets: Vec<(&str, &str)> = TableKind::ALL
            .iter()
            .flat_map(|k| k.set_columns().map(move |c| (k.name(), c.name)))
            .collect();
        assert_eq!(
            sets,
            [
                ("participants", "role"),
                ("pairs", "status"),
                ("goals", "status"),
                ("feedback", "respondent_role"),
            ]
        );
    }
}
