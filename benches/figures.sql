-- The per-cohort, per-quarter figures of docs/metrics.md, in DuckDB, from the same
-- CSV files mentorbook reads: the baseline of benches/compare.sh.
--
-- Run with the data folder as the working directory (the paths below are
-- relative); benches/duckdb_figures.py does that and writes the `figures`
-- table to a CSV file. Calendar quarters; as_of = the latest event date
-- (no `data.as_of`); columns of the plain shape of examples/generate.rs.
--
-- Computed, per cohort and calendar quarter (window W = quarter ∩ cohort
-- span S, R = last day of W):
--   active pairs, meetings count, hours, pair-months, meetings per
--   pair-month, goals by status as of R (total, not_started, in_progress,
--   completed, abandoned) and completion rate, feedback responses, mean
--   rating and NPS, overall and per respondent role.
-- Left out (mentorbook computes them; see BENCHMARKS.md): privacy
-- withholding (docs/privacy.md), pairs.matched, distinct mentors/mentees,
-- enrolled/unmatched/match_rate (the participants table is not read),
-- quiet/too-early pairs, on_time_rate, created/completed_in_period,
-- response_rate, the cohort's overall period, the monthly series, the
-- pooled program quarters, fiscal quarters, and all validation.

CREATE MACRO nps_of(promoters, detractors, n) AS
  CASE WHEN n = 0 THEN NULL
       ELSE sign(100 * (promoters - detractors))
            * ((2 * abs(100 * (promoters - detractors)) + n) // (2 * n)) END;

CREATE TEMP TABLE cohorts AS SELECT * FROM read_csv('cohorts.csv',
  header = true, delim = ',', quote = '"', escape = '"',
  columns = {'cohort_id': 'VARCHAR', 'name': 'VARCHAR', 'start_date': 'DATE',
             'end_date': 'DATE', 'track': 'VARCHAR', 'description': 'VARCHAR'});
CREATE TEMP TABLE pairs AS SELECT * FROM read_csv('pairs.csv',
  header = true, delim = ',', quote = '"', escape = '"',
  columns = {'pair_id': 'VARCHAR', 'cohort_id': 'VARCHAR', 'mentor_id': 'VARCHAR',
             'mentee_id': 'VARCHAR', 'matched_on': 'DATE', 'ended_on': 'DATE',
             'status': 'VARCHAR'});
CREATE TEMP TABLE meetings AS SELECT * FROM read_csv('meetings.csv',
  header = true, delim = ',', quote = '"', escape = '"',
  columns = {'meeting_id': 'VARCHAR', 'pair_id': 'VARCHAR', 'date': 'DATE',
             'duration_minutes': 'DOUBLE', 'format': 'VARCHAR'});
CREATE TEMP TABLE goals AS SELECT * FROM read_csv('goals.csv',
  header = true, delim = ',', quote = '"', escape = '"',
  columns = {'goal_id': 'VARCHAR', 'pair_id': 'VARCHAR', 'title': 'VARCHAR',
             'created_on': 'DATE', 'due_on': 'DATE', 'status': 'VARCHAR',
             'completed_on': 'DATE'});
CREATE TEMP TABLE feedback AS SELECT * FROM read_csv('feedback.csv',
  header = true, delim = ',', quote = '"', escape = '"',
  columns = {'response_id': 'VARCHAR', 'cohort_id': 'VARCHAR', 'pair_id': 'VARCHAR',
             'respondent_role': 'VARCHAR', 'submitted_on': 'DATE', 'rating': 'INTEGER',
             'nps': 'INTEGER', 'comment': 'VARCHAR'});

-- as_of: the latest event date (planned dates do not count).
CREATE TEMP TABLE as_of AS SELECT max(d) AS as_of FROM (
  SELECT max(date) AS d FROM meetings
  UNION ALL SELECT max(created_on) FROM goals
  UNION ALL SELECT max(completed_on) FROM goals
  UNION ALL SELECT max(submitted_on) FROM feedback
  UNION ALL SELECT max(matched_on) FROM pairs
  UNION ALL SELECT max(ended_on) FROM pairs);

-- Cohort span S = [start_date, min(end_date, as_of)]; empty spans dropped.
CREATE TEMP TABLE spans AS
SELECT cohort_id, s_start, s_end FROM (
  SELECT c.cohort_id, c.start_date AS s_start,
         least(coalesce(c.end_date, a.as_of), a.as_of) AS s_end
  FROM cohorts c CROSS JOIN as_of a)
WHERE s_start <= s_end;

-- The cohort's quarters (those overlapping S) and their windows W.
CREATE TEMP TABLE windows AS
SELECT cohort_id, q_start, q_end,
       strftime(q_start, '%Y') || '-Q' || quarter(q_start) AS quarter,
       greatest(q_start, s_start) AS w_start,
       least(q_end, s_end) AS w_end
FROM (
  SELECT s.cohort_id, s.s_start, s.s_end, q.q_start,
         (q.q_start + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE AS q_end
  FROM spans s,
       LATERAL (SELECT unnest(generate_series(date_trunc('quarter', s.s_start),
                                              date_trunc('quarter', s.s_end),
                                              INTERVAL 3 MONTH))::DATE AS q_start) q);

-- Pair windows [matched_on, ended_on or as_of] ∩ S, non-empty.
CREATE TEMP TABLE pair_windows AS
SELECT pair_id, cohort_id, p_start, p_end FROM (
  SELECT p.pair_id, p.cohort_id,
         greatest(p.matched_on, s.s_start) AS p_start,
         least(coalesce(p.ended_on, s.s_end), s.s_end) AS p_end
  FROM pairs p JOIN spans s USING (cohort_id))
WHERE p_start <= p_end;

CREATE TEMP TABLE figures AS
WITH
pair_q AS (
  SELECT w.cohort_id, w.q_start, count(*) AS active_pairs,
         sum(datediff('day', greatest(pw.p_start, w.w_start),
                             least(pw.p_end, w.w_end)) + 1) AS pair_days
  FROM windows w JOIN pair_windows pw
    ON pw.cohort_id = w.cohort_id AND pw.p_start <= w.w_end AND w.w_start <= pw.p_end
  GROUP BY w.cohort_id, w.q_start),
-- Meetings of the cohort's pairs dated in W (a date's quarter found arithmetically).
meet_q AS (
  SELECT w.cohort_id, w.q_start, count(*) AS meetings,
         coalesce(sum(m.duration_minutes), 0) / 60.0 AS hours
  FROM meetings m JOIN pairs p USING (pair_id)
  JOIN windows w ON w.cohort_id = p.cohort_id
                AND w.q_start = date_trunc('quarter', m.date)::DATE
                AND m.date BETWEEN w.w_start AND w.w_end
  GROUP BY w.cohort_id, w.q_start),
-- Goals created by R, with their status as of R.
goal_rows AS (
  SELECT w.cohort_id, w.q_start,
         CASE WHEN g.status = 'completed' AND g.completed_on > w.w_end
              THEN 'in_progress' ELSE g.status END AS st
  FROM goals g JOIN pairs p USING (pair_id)
  JOIN windows w ON w.cohort_id = p.cohort_id AND g.created_on <= w.w_end),
goal_q AS (
  SELECT cohort_id, q_start, count(*) AS goals_total,
         count(*) FILTER (WHERE st = 'not_started') AS goals_not_started,
         count(*) FILTER (WHERE st = 'in_progress') AS goals_in_progress,
         count(*) FILTER (WHERE st = 'completed') AS goals_completed,
         count(*) FILTER (WHERE st = 'abandoned') AS goals_abandoned
  FROM goal_rows GROUP BY cohort_id, q_start),
-- Feedback: a row counts for its pair's cohort, or its cohort_id without a pair.
fb AS (
  SELECT coalesce(p.cohort_id, f.cohort_id) AS cohort_id, f.respondent_role AS role,
         f.submitted_on, f.rating, f.nps
  FROM feedback f LEFT JOIN pairs p USING (pair_id)),
fb_q AS (
  SELECT w.cohort_id, w.q_start,
         count(*) AS responses,
         avg(rating) AS mean_rating,
         count(nps) AS nps_rows,
         count(*) FILTER (WHERE nps >= 9) AS promoters,
         count(*) FILTER (WHERE nps <= 6) AS detractors,
         count(*) FILTER (WHERE role = 'mentor') AS mentor_responses,
         avg(rating) FILTER (WHERE role = 'mentor') AS mentor_mean_rating,
         count(nps) FILTER (WHERE role = 'mentor') AS mentor_nps_rows,
         count(*) FILTER (WHERE role = 'mentor' AND nps >= 9) AS mentor_promoters,
         count(*) FILTER (WHERE role = 'mentor' AND nps <= 6) AS mentor_detractors,
         count(*) FILTER (WHERE role = 'mentee') AS mentee_responses,
         avg(rating) FILTER (WHERE role = 'mentee') AS mentee_mean_rating,
         count(nps) FILTER (WHERE role = 'mentee') AS mentee_nps_rows,
         count(*) FILTER (WHERE role = 'mentee' AND nps >= 9) AS mentee_promoters,
         count(*) FILTER (WHERE role = 'mentee' AND nps <= 6) AS mentee_detractors
  FROM fb JOIN windows w ON w.cohort_id = fb.cohort_id
                        AND w.q_start = date_trunc('quarter', fb.submitted_on)::DATE
                        AND fb.submitted_on BETWEEN w.w_start AND w.w_end
  GROUP BY w.cohort_id, w.q_start)
SELECT w.cohort_id, w.quarter, w.w_start, w.w_end,
       coalesce(pq.active_pairs, 0) AS active_pairs,
       coalesce(mq.meetings, 0) AS meetings,
       coalesce(mq.hours, 0.0) AS hours,
       coalesce(pq.pair_days, 0) / 30.4375 AS pair_months,
       CASE WHEN coalesce(pq.pair_days, 0) > 0
            THEN coalesce(mq.meetings, 0) / (pq.pair_days / 30.4375) END AS per_pair_month,
       coalesce(gq.goals_total, 0) AS goals_total,
       coalesce(gq.goals_not_started, 0) AS goals_not_started,
       coalesce(gq.goals_in_progress, 0) AS goals_in_progress,
       coalesce(gq.goals_completed, 0) AS goals_completed,
       coalesce(gq.goals_abandoned, 0) AS goals_abandoned,
       gq.goals_completed / nullif(gq.goals_total - gq.goals_abandoned, 0) AS completion_rate,
       coalesce(fq.responses, 0) AS responses,
       fq.mean_rating,
       nps_of(fq.promoters, fq.detractors, fq.nps_rows) AS nps,
       coalesce(fq.mentor_responses, 0) AS mentor_responses,
       fq.mentor_mean_rating,
       nps_of(fq.mentor_promoters, fq.mentor_detractors, fq.mentor_nps_rows) AS mentor_nps,
       coalesce(fq.mentee_responses, 0) AS mentee_responses,
       fq.mentee_mean_rating,
       nps_of(fq.mentee_promoters, fq.mentee_detractors, fq.mentee_nps_rows) AS mentee_nps
FROM windows w
LEFT JOIN pair_q pq USING (cohort_id, q_start)
LEFT JOIN meet_q mq USING (cohort_id, q_start)
LEFT JOIN goal_q gq USING (cohort_id, q_start)
LEFT JOIN fb_q fq USING (cohort_id, q_start)
ORDER BY w.cohort_id, w.q_start;
