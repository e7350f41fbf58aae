//! The program the data describes: cohorts in waves, their people and pairs, and each pair's meetings, goals and feedback, written in date order.

use std::fs;
use std::io;

use mentorbook::config::schema::{GoalStatus, PairStatus, Role};
use mentorbook::date::Date;

use crate::Args;
use crate::content::*;
use crate::rng::Rng;
use crate::tables::{COHORTS, CsvOut, FEEDBACK, GOALS, MEETINGS, PAIRS, PARTICIPANTS};

/// The last day of the data: no event is dated after it.
const LAST_DAY: (i32, u32, u32) = (2025, 6, 30);
const WAVES: usize = 6;

/// Days since 1970-01-01 of a civil date (the generator's dates are
/// constants and day counts, always valid).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    Date::from_ymd(y, m, d).map_or(0, |date| date.0)
}

fn iso(day: i32) -> String {
    Date(day).to_string()
}

fn iso_opt(day: Option<i32>) -> String {
    day.map(iso).unwrap_or_default()
}

/// 0 = Monday.
fn weekday(day: i32) -> i32 {
    (day + 3).rem_euclid(7)
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

fn id(prefix: &str, width: usize, n: usize) -> String {
    format!("{prefix}{n:0width$}")
}

struct Meeting {
    date: i32,
    pair: usize,
    duration: &'static str,
    format: &'static str,
}

struct Goal {
    created: i32,
    pair: usize,
    title: &'static str,
    due: Option<i32>,
    status: GoalStatus,
    completed: Option<i32>,
}

struct Response {
    date: i32,
    /// Pair number, or `None` for a cohort-level row.
    pair: Option<usize>,
    role: Role,
    rating: String,
    nps: String,
    comment: &'static str,
    survey: &'static str,
}

pub(crate) struct Counts {
    pub(crate) rows: [u64; 6],
}

pub(crate) fn generate(args: &Args) -> io::Result<Counts> {
    let data_dir = args.out.join("data");
    fs::create_dir_all(&data_dir)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", data_dir.display())))?;
    let shape = args.shape;
    let mut cohorts_csv = CsvOut::create(&data_dir, &COHORTS, shape)?;
    let mut participants_csv = CsvOut::create(&data_dir, &PARTICIPANTS, shape)?;
    let mut pairs_csv = CsvOut::create(&data_dir, &PAIRS, shape)?;
    let mut meetings_csv = CsvOut::create(&data_dir, &MEETINGS, shape)?;
    let mut goals_csv = CsvOut::create(&data_dir, &GOALS, shape)?;
    let mut feedback_csv = CsvOut::create(&data_dir, &FEEDBACK, shape)?;

    let n = args.cohorts;
    let m = args.pairs;
    let last = days_from_civil(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2);
    let named_cohorts = n <= WAVES;
    let w_cohort = digits(n).max(4);
    let w_person = digits(n * (2 * m + 3)).max(4);
    let w_pair = digits(n * m).max(5);
    let w_meeting = digits(n * m * 25).max(5);
    let w_goal = digits(n * m * 5).max(5);
    let w_response = digits(n * (4 * m + 4)).max(5);

    let mut rng = Rng::new(args.seed);
    let mut persons: Vec<Person> = Vec::new();
    let mut mentor_pool: Vec<usize> = Vec::new();
    let mut mentee_pool: Vec<usize> = Vec::new();
    let (mut pair_no, mut meeting_no, mut goal_no, mut response_no) = (0usize, 0, 0, 0);

    for i in 0..n {
        // ---- the cohort
        let wave = WAVES - 1 - (n - 1 - i) * WAVES / n;
        let month0 = 2023 * 12 + 8 + 4 * wave as i32; // 0-based months since year 0
        let (year, month) = (month0 / 12, (month0 % 12) as u32 + 1);
        let first = days_from_civil(year, month, 1);
        let start = if named_cohorts {
            first + (7 - weekday(first)) % 7 // the first Monday
        } else {
            first + rng.range(0, 27)
        };
        let planned_end = start + rng.range(182, 270);
        let is_last = i == n - 1;
        let end_date = if is_last { None } else { Some(planned_end) };
        let ongoing = end_date.is_none_or(|e| e > last);
        // The day the cohort's events stop: its end, or the data's last day.
        let cohort_end = end_date.map_or(last, |e| e.min(last));
        // One small cohort (few pairs, few responses) per 50, the third first.
        let small = i % 50 == 2;
        let track = TRACKS[i % TRACKS.len()];
        let (season_id, season) = SEASONS[wave % 3];
        let cohort_id = if named_cohorts {
            format!("{year}-{season_id}")
        } else {
            id("c", w_cohort, i + 1)
        };
        let name = if track == "Leadership" {
            format!("Leadership Circle, {season} {year}")
        } else if named_cohorts {
            format!("{track} mentoring, {season} {year}")
        } else {
            format!("{track} mentoring {}, {season} {year}", i + 1)
        };
        cohorts_csv.row(&[
            &cohort_id,
            &name,
            &iso(start),
            &iso_opt(end_date),
            track,
            track_description(track),
        ])?;

        // ---- participants: mentors (one or two mentees each) and mentees
        let n_pairs = if small { (m / 4).max(3) } else { m };
        let mut mentor_slots: Vec<usize> = Vec::new(); // mentor of each pair
        let mut mentors: Vec<usize> = Vec::new();
        let mut in_cohort: Vec<usize> = Vec::new();
        let mut remaining = n_pairs;
        while remaining > 0 {
            let take = if remaining >= 2 && rng.chance(30) {
                2
            } else {
                1
            };
            let p = pick_person(&mut rng, &mentor_pool, 30, &mut in_cohort, &mut persons);
            mentors.push(p);
            mentor_slots.extend(std::iter::repeat_n(p, take));
            remaining -= take;
        }
        let unmatched = if small { 0 } else { rng.range(0, 2) as usize };
        let mentees: Vec<usize> = (0..n_pairs + unmatched)
            .map(|_| pick_person(&mut rng, &mentee_pool, 5, &mut in_cohort, &mut persons))
            .collect();
        for (role, people) in [(Role::Mentor, &mentors), (Role::Mentee, &mentees)] {
            for &p in people.iter() {
                let person = &persons[p];
                participants_csv.row(&[
                    &id("p", w_person, p + 1),
                    &cohort_id,
                    role.as_str(),
                    &person.name,
                    &person.email,
                    person.department,
                ])?;
            }
        }

        // ---- pairs, with their meetings, goals and feedback
        let mut meetings: Vec<Meeting> = Vec::new();
        let mut goals: Vec<Goal> = Vec::new();
        let mut responses: Vec<Response> = Vec::new();
        let mid_survey = start + (planned_end - start) / 2 + rng.range(0, 7);
        let respond_percent = if small { 25 } else { 75 };
        for j in 0..n_pairs {
            pair_no += 1;
            let pair = pair_no;
            // The pair whose meeting on the last day fixes the data's as_of.
            let anchor = is_last && j == 0;
            let matched = if rng.chance(90) || anchor {
                start + rng.range(0, 20)
            } else {
                start + rng.range(30, ((cohort_end - start) / 2).max(30))
            }
            .min(cohort_end);
            let (status, ended) = if !ongoing {
                if rng.chance(12) && cohort_end - matched > 60 {
                    let e = matched + rng.range(30, cohort_end - matched - 14);
                    (PairStatus::EndedEarly, Some(e))
                } else {
                    let e = (cohort_end - rng.range(0, 5)).max(matched);
                    (PairStatus::Completed, Some(e))
                }
            } else if !anchor && rng.chance(10) && last - matched > 50 {
                let e = matched + rng.range(30, last - matched - 7);
                (PairStatus::EndedEarly, Some(e))
            } else {
                (PairStatus::Active, None)
            };
            let window_end = ended.unwrap_or(cohort_end);
            pairs_csv.row(&[
                &id("m", w_pair, pair),
                &cohort_id,
                &id("p", w_person, mentor_slots[j] + 1),
                &id("p", w_person, mentees[j] + 1),
                &iso(matched),
                &iso_opt(ended),
                status.as_str(),
            ])?;

            // meetings every 2–4 weeks; some pairs go quiet for a while,
            // some stop meeting well before the end.
            let stop = if status == PairStatus::Active && !anchor && rng.chance(10) {
                (last - rng.range(35, 75)).max(matched)
            } else {
                window_end
            };
            let gap_at = if rng.chance(15) { rng.range(1, 5) } else { -1 };
            let mut day = matched + rng.range(0, 10);
            let mut k = 0;
            let mut latest = None;
            while day <= stop {
                meetings.push(Meeting {
                    date: day,
                    pair,
                    duration: if rng.chance(6) {
                        ""
                    } else {
                        rng.pick(&DURATIONS)
                    },
                    format: FORMATS[rng.weighted(&[6, 3, 1])],
                });
                latest = Some(day);
                day += rng.range(14, 24) + if rng.chance(20) { 4 } else { 0 };
                if k == gap_at {
                    day += rng.range(50, 80);
                }
                k += 1;
            }
            if anchor && latest != Some(last) {
                meetings.push(Meeting {
                    date: last,
                    pair,
                    duration: "60",
                    format: "video",
                });
            }

            // goals
            let window = window_end - matched;
            let weights: &[u64] = match status {
                // not_started, in_progress, completed, abandoned
                PairStatus::Completed => &[10, 15, 55, 20],
                PairStatus::EndedEarly => &[20, 25, 25, 30],
                PairStatus::Active => &[15, 45, 30, 10],
            };
            for _ in 0..rng.range(1, 5) {
                let created = if rng.chance(80) {
                    matched + rng.range(0, window.min(45))
                } else {
                    matched + rng.range(0, window)
                };
                let due = if rng.chance(10) {
                    None
                } else {
                    Some(created + rng.range(30, 120))
                };
                let status = GoalStatus::ALL[rng.weighted(weights)];
                let completed = (status == GoalStatus::Completed)
                    .then(|| (created + rng.range(10, 120)).min(window_end));
                goals.push(Goal {
                    created,
                    pair,
                    title: rng.pick(&GOAL_TITLES),
                    due,
                    status,
                    completed,
                });
            }

            // feedback: a mid-point survey and an end (or exit) survey per role
            let end_survey = match status {
                PairStatus::Completed => ended.map(|e| e - rng.range(0, 10)),
                PairStatus::EndedEarly => ended.map(|e| e - rng.range(0, 3)),
                PairStatus::Active => None,
            };
            for role in Role::ALL {
                let mid = mid_survey + rng.range(0, 14);
                let surveys = [
                    (Some(mid), "Mid-point check-in"),
                    (
                        end_survey,
                        if status == PairStatus::EndedEarly {
                            "Exit survey"
                        } else {
                            "End of programme"
                        },
                    ),
                ];
                for (date, survey) in surveys {
                    let Some(date) = date else { continue };
                    let responds = rng.chance(respond_percent);
                    if !responds || date < matched || date > window_end {
                        continue;
                    }
                    let (rating, nps) = rating_and_nps(&mut rng);
                    let comment = if rng.chance(20) {
                        rng.pick(&COMMENTS)
                    } else {
                        ""
                    };
                    responses.push(Response {
                        date,
                        pair: Some(pair),
                        role,
                        rating,
                        nps,
                        comment,
                        survey,
                    });
                }
            }
        }
        // cohort-level kick-off pulse rows, not tied to a pair
        for k in 0..rng.range(2, 4) {
            let date = (start + rng.range(7, 14)).min(cohort_end);
            let role = if rng.chance(50) {
                Role::Mentor
            } else {
                Role::Mentee
            };
            let (rating, nps) = rating_and_nps(&mut rng);
            let comment = if rng.chance(20) {
                rng.pick(&COMMENTS)
            } else {
                ""
            };
            // The first cohort's first kick-off row always carries a
            // multi-line comment, to exercise quoted line breaks.
            let comment = if i == 0 && k == 0 {
                KICKOFF_COMMENT
            } else {
                comment
            };
            responses.push(Response {
                date,
                pair: None,
                role,
                rating,
                nps,
                comment,
                survey: "Kick-off pulse",
            });
        }

        // write the cohort's events in date order (stable: ties keep pair order)
        meetings.sort_by_key(|x| (x.date, x.pair));
        for x in &meetings {
            meeting_no += 1;
            meetings_csv.row(&[
                &id("mt", w_meeting, meeting_no),
                &id("m", w_pair, x.pair),
                &iso(x.date),
                x.duration,
                x.format,
            ])?;
        }
        goals.sort_by_key(|g| (g.created, g.pair));
        for g in &goals {
            goal_no += 1;
            goals_csv.row(&[
                &id("g", w_goal, goal_no),
                &id("m", w_pair, g.pair),
                g.title,
                &iso(g.created),
                &iso_opt(g.due),
                g.status.as_str(),
                &iso_opt(g.completed),
            ])?;
        }
        // Roles by name ("mentee" first), as the files have always had them.
        responses.sort_by_key(|r| (r.date, r.pair, r.role.as_str()));
        for r in &responses {
            response_no += 1;
            feedback_csv.row(&[
                &id("r", w_response, response_no),
                &cohort_id,
                &r.pair.map(|p| id("m", w_pair, p)).unwrap_or_default(),
                r.role.as_str(),
                &iso(r.date),
                &r.rating,
                &r.nps,
                r.comment,
                r.survey,
            ])?;
        }

        mentor_pool.extend(mentors.iter().copied());
        mentee_pool.extend(mentees.iter().copied());
    }

    Ok(Counts {
        rows: [
            cohorts_csv.finish()?,
            participants_csv.finish()?,
            pairs_csv.finish()?,
            meetings_csv.finish()?,
            goals_csv.finish()?,
            feedback_csv.finish()?,
        ],
    })
}

/// A person for a cohort: with `percent` chance someone from `pool` (an
/// earlier enrolment in the same role) not yet in this cohort, else someone new.
fn pick_person(
    rng: &mut Rng,
    pool: &[usize],
    percent: u64,
    in_cohort: &mut Vec<usize>,
    persons: &mut Vec<Person>,
) -> usize {
    if !pool.is_empty() && rng.chance(percent) {
        for _ in 0..3 {
            let p = rng.pick(pool);
            if !in_cohort.contains(&p) {
                in_cohort.push(p);
                return p;
            }
        }
    }
    persons.push(new_person(rng));
    persons.len() - 1
}

/// A rating 1–5 and an NPS answer 0–10 that agree with it; a few rows
/// carry only one of them.
fn rating_and_nps(rng: &mut Rng) -> (String, String) {
    let rating = rng.weighted(&[3, 5, 15, 40, 37]) as i32 + 1;
    let (lo, hi) = match rating {
        5 => (8, 10),
        4 => (7, 10),
        3 => (5, 8),
        2 => (2, 6),
        _ => (0, 4),
    };
    let nps = rng.range(lo, hi);
    match rng.weighted(&[84, 8, 8]) {
        0 => (rating.to_string(), nps.to_string()),
        1 => (rating.to_string(), String::new()),
        _ => (String::new(), nps.to_string()),
    }
}
