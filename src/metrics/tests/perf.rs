//! A timing run on a million meetings (ignored by default).

use super::*;

/// 1,000 cohorts × 100 pairs × 10 meetings (1M meetings, 300k goals, 300k
/// feedback rows). Run: `cargo test --release --lib metrics::tests::perf -- --ignored --nocapture`.
#[test]
#[ignore]
fn perf_one_million_meetings() {
    let mut p = Program {
        meetings: Some(Vec::with_capacity(1_000_000)),
        goals: Some(Vec::with_capacity(300_000)),
        feedback: Some(Vec::with_capacity(300_000)),
        participants: Some(Vec::with_capacity(200_000)),
        ..Program::default()
    };
    let base = d("2023-01-01").0;
    for c in 0..1000u32 {
        let start = Date(base + (c as i32 % 365));
        p.cohorts.push(Cohort {
            id: format!("c{c}"),
            slug: format!("c{c}"),
            name: format!("Cohort {c}"),
            start_date: start,
            end_date: Some(start.add_days(360)),
            description: None,
            track: None,
        });
        for i in 0..100u32 {
            let pair = p.pairs.len() as u32;
            let (mentor, mentee) = (c * 200 + i, c * 200 + 100 + i);
            let matched = start.add_days((i % 40) as i32);
            p.pairs.push(Pair {
                cohort: c,
                mentor,
                mentee,
                matched_on: matched,
                ended_on: (i % 7 == 0).then(|| matched.add_days(200)),
                status: None,
            });
            if let Some(e) = p.participants.as_mut() {
                e.push(Enrolment {
                    person: mentor,
                    cohort: c,
                    role: Role::Mentor,
                });
                e.push(Enrolment {
                    person: mentee,
                    cohort: c,
                    role: Role::Mentee,
                });
            }
            for k in 0..10 {
                if let Some(m) = p.meetings.as_mut() {
                    m.push(Meeting {
                        pair,
                        date: matched.add_days(k * 31 + (i % 5) as i32),
                        duration_minutes: Some(45.0).into(),
                    });
                }
            }
            for k in 0..3 {
                if let Some(g) = p.goals.as_mut() {
                    g.push(Goal {
                        pair,
                        created_on: matched.add_days(k * 20),
                        status: GoalStatus::Completed,
                        due_on: Some(matched.add_days(k * 20 + 90)),
                        completed_on: Some(matched.add_days(k * 20 + 60 + (i % 50) as i32)),
                        title: None,
                    });
                }
                if let Some(f) = p.feedback.as_mut() {
                    f.push(Feedback {
                        cohort: c,
                        pair: Some(pair),
                        role: if k % 2 == 0 {
                            Role::Mentor
                        } else {
                            Role::Mentee
                        },
                        submitted_on: matched.add_days(k * 90),
                        rating: Some((i % 5 + 1) as u8),
                        nps: Some((i % 11) as u8),
                        comment: None,
                    });
                }
            }
        }
    }
    p.people = 200_000;
    let config = Config::default();
    let t = std::time::Instant::now();
    let m = compute(&p, &config);
    let elapsed = t.elapsed();
    let quarters = m.as_ref().map_or(0, |m| m.quarters.len());
    let json_t = std::time::Instant::now();
    let bytes: usize = m.as_ref().map_or(0, |m| {
        m.cohorts
            .iter()
            .map(|c| cohort_json(m.as_of, c).len())
            .sum::<usize>()
            + m.quarters
                .iter()
                .map(|q| report_json(q).len())
                .sum::<usize>()
    });
    println!(
        "compute: {elapsed:?} ({quarters} program quarters); all metrics.json: {:?} ({bytes} bytes)",
        json_t.elapsed()
    );
    assert!(m.is_ok());
}
