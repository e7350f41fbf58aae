//! metrics.json: exact bytes, key order, and independence from the thread count.

use super::*;

#[test]
fn cohort_file_exact_json() {
    // One pair from 2024-03-15, as_of 2024-04-10: Q1 W = Mar 1..Mar 31
    // (cohort starts Mar 1), pair days 17; Q2 W = Apr 1..Apr 10, 10 days.
    // One 90-minute meeting on 2024-03-20. At Q1's R (Mar 31) the pair was
    // matched 16 days earlier: too early; same at Apr 10 (26 days).
    let mut fx = TestProgram::new();
    let c = fx.cohort("C1", "2024-03-01", None);
    let p = fx.pair(c, 0, 1, "2024-03-15", None);
    fx.meeting(p, "2024-03-20", Some(90.0));
    let m = fx.run(Some("2024-04-10"));
    let json = cohort_json(m.as_of, &m.cohorts[0]);
    let metrics = |matched_days: f64, meetings: u64, hours: &str, per: &str, indent: &str| {
        let body = format!(
            r#""pairs": {{
  "matched": 1,
  "active": 1
}},
"participants": {{
  "mentors": 1,
  "mentees": 1,
  "enrolled": null,
  "unmatched": null,
  "match_rate": null
}},
"meetings": {{
  "count": {meetings},
  "hours": {hours},
  "pair_months": {pm:?},
  "per_pair_month": {per},
  "quiet_pairs": 0,
  "quiet_share": null,
  "too_early_pairs": 1
}},
"goals": {{
  "total": 0,
  "not_started": 0,
  "in_progress": 0,
  "completed": 0,
  "abandoned": 0,
  "completion_rate": null,
  "on_time_rate": null,
  "created_in_period": 0,
  "completed_in_period": 0
}},
"feedback": {{
  "responses": 0,
  "response_rate": null,
  "suppressed": false,
  "mean_rating": null,
  "ratings": [
    0,
    0,
    0,
    0,
    0
  ],
  "nps": null,
  "by_role": {{
    "mentor": {{
      "responses": 0,
      "response_rate": null,
      "suppressed": false,
      "mean_rating": null,
      "ratings": [
        0,
        0,
        0,
        0,
        0
      ],
      "nps": null
    }},
    "mentee": {{
      "responses": 0,
      "response_rate": null,
      "suppressed": false,
      "mean_rating": null,
      "ratings": [
        0,
        0,
        0,
        0,
        0
      ],
      "nps": null
    }}
  }}
}}"#,
            pm = matched_days / MONTH
        );
        body.lines()
            .map(|l| format!("{indent}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let per_q1 = format!("{:?}", 1.0 / (17.0 / MONTH));
    let per_all = format!("{:?}", 1.0 / (27.0 / MONTH));
    let expected = format!(
        r#"{{
  "cohort": {{
    "id": "C1",
    "name": "Cohort C1",
    "start_date": "2024-03-01",
    "end_date": null
  }},
  "as_of": "2024-04-10",
  "overall": {{
{overall}
  }},
  "quarters": [
    {{
      "quarter": "2024-Q1",
      "start": "2024-01-01",
      "end": "2024-03-31",
{q1}
    }},
    {{
      "quarter": "2024-Q2",
      "start": "2024-04-01",
      "end": "2024-06-30",
{q2}
    }}
  ],
  "months": [
    {{
      "month": "2024-03",
      "meetings": 1,
      "active_pairs": 1
    }},
    {{
      "month": "2024-04",
      "meetings": 0,
      "active_pairs": 1
    }}
  ]
}}
"#,
        overall = metrics(27.0, 1, "1.5", &per_all, "    "),
        q1 = metrics(17.0, 1, "1.5", &per_q1, "      "),
        q2 = metrics(10.0, 0, "0.0", "0.0", "      "),
    );
    assert_eq!(json, expected);
    // Deterministic byte for byte.
    assert_eq!(
        json,
        cohort_json(m.as_of, &fx.run(Some("2024-04-10")).cohorts[0])
    );
}

#[test]
fn report_file_keys() {
    let mut fx = TestProgram::new();
    let c = fx.cohort("C1", "2024-03-01", None);
    fx.pair(c, 0, 1, "2024-03-15", None);
    let m = fx.run(Some("2024-04-10"));
    let json = report_json(&m.quarters[0]);
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    // serde_json::Map without preserve_order sorts keys; check the text order instead.
    assert_eq!(keys.len(), 9);
    let order = [
        "\"quarter\"",
        "\"start\"",
        "\"end\"",
        "\"pairs\"",
        "\"participants\"",
        "\"meetings\"",
        "\"goals\"",
        "\"feedback\"",
        "\"cohorts\"",
    ];
    let positions: Vec<usize> = order.iter().filter_map(|k| json.find(k)).collect();
    assert_eq!(positions.len(), order.len());
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(json.starts_with("{\n  \"quarter\": \"2024-Q1\",\n  \"start\": \"2024-01-01\",\n  \"end\": \"2024-03-31\",\n  \"pairs\": {"));
    assert!(json.contains("\"cohorts\": [\n    {\n      \"id\": \"C1\",\n      \"name\": \"Cohort C1\",\n      \"pairs\": {"));
    assert!(json.ends_with("}\n"));
}

#[test]
fn output_does_not_depend_on_thread_count() {
    // Forty cohorts with fractional hours: sums must be taken in a fixed order.
    let mut fx = TestProgram::new();
    for c in 0..40u32 {
        let cohort = fx.cohort(&format!("c{c}"), "2024-01-01", None);
        let p = fx.pair(cohort, c * 2, c * 2 + 1, "2024-01-05", None);
        fx.meeting(p, "2024-02-01", Some(0.1 * f64::from(c + 1)));
        fx.meeting(p, "2024-05-01", Some(1.0 / 3.0));
        fx.feedback(
            p,
            Role::Mentee,
            "2024-02-02",
            Some((c % 5 + 1) as u8),
            Some(9),
        );
    }
    let render = |m: &ProgramMetrics| {
        let mut out: Vec<String> = m.cohorts.iter().map(|c| cohort_json(m.as_of, c)).collect();
        out.extend(m.quarters.iter().map(report_json));
        out
    };
    let many = render(&fx.run(Some("2024-06-30")));
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        let Ok(pool) = pool else {
            panic!("no thread pool")
        };
        let one = pool.install(|| render(&fx.run(Some("2024-06-30"))));
        assert_eq!(one, many);
    }
}
