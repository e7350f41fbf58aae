"""Compare DuckDB's figures (benches/figures.sql) with mentorbook's metrics.json.

    python3 benches/check_figures.py FIGURES.csv SITE_DIR

For every cohort quarter of every SITE_DIR/cohorts/*/metrics.json, compares
each figure benches/figures.sql computes: counts exactly, fractional
figures to 1e-9 relative. Feedback figures mentorbook withholds (null,
docs/privacy.md) are skipped and counted. Prints a few rows side by side and a
one-line verdict; exit status 1 on any difference.
"""
import csv
import glob
import json
import math
import sys

fig_csv, site = sys.argv[1], sys.argv[2]
duck = {}
with open(fig_csv, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        duck[(row["cohort_id"], row["quarter"])] = row


def num(s):
    return None if s in ("", None) else float(s)


checks = [  # (DuckDB column, path in mentorbook's quarter object, exact)
    ("active_pairs", "pairs.active", True),
    ("meetings", "meetings.count", True),
    ("hours", "meetings.hours", False),
    ("pair_months", "meetings.pair_months", False),
    ("per_pair_month", "meetings.per_pair_month", False),
    ("goals_total", "goals.total", True),
    ("goals_not_started", "goals.not_started", True),
    ("goals_in_progress", "goals.in_progress", True),
    ("goals_completed", "goals.completed", True),
    ("goals_abandoned", "goals.abandoned", True),
    ("completion_rate", "goals.completion_rate", False),
    ("responses", "feedback.responses", True),
    ("mean_rating", "feedback.mean_rating", False),
    ("nps", "feedback.nps", True),
]
for role in ("mentor", "mentee"):
    checks += [
        (f"{role}_responses", f"feedback.by_role.{role}.responses", True),
        (f"{role}_mean_rating", f"feedback.by_role.{role}.mean_rating", False),
        (f"{role}_nps", f"feedback.by_role.{role}.nps", True),
    ]
withholdable = {c for c, p, _ in checks if p.endswith(("mean_rating", ".nps"))}


def at(obj, path):
    for k in path.split("."):
        obj = obj[k]
    return obj


seen, compared, withheld, diffs, samples = set(), 0, 0, [], []
for path in sorted(glob.glob(f"{site}/cohorts/*/metrics.json")):
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    cid = m["cohort"]["id"]
    for q in m["quarters"]:
        key = (cid, q["quarter"])
        seen.add(key)
        row = duck.get(key)
        if row is None:
            diffs.append(f"{key}: not in DuckDB's figures")
            continue
        if len(samples) < 3 and q["meetings"]["count"]:
            samples.append((key, q["meetings"]["count"], row["meetings"],
                            q["goals"]["completed"], row["goals_completed"]))
        for col, p, exact in checks:
            mine, theirs = at(q, p), num(row[col])
            if mine is None and col in withholdable and theirs is not None:
                withheld += 1
                continue
            compared += 1
            if mine is None or theirs is None:
                ok = mine is None and theirs is None
            elif exact:
                ok = float(mine) == theirs
            else:
                ok = math.isclose(float(mine), theirs, rel_tol=1e-9, abs_tol=1e-12)
            if not ok:
                diffs.append(f"{key} {p}: mentorbook {mine}, duckdb {row[col]}")
for key in sorted(set(duck) - seen):
    diffs.append(f"{key}: only in DuckDB's figures")

for key, mc, dc, gm, gd in samples:
    print(f"  {key[0]} {key[1]}: meetings mentorbook {mc} / duckdb {dc}, "
          f"goals completed {gm} / {gd}")
for d in diffs[:10]:
    print(f"  DIFF {d}")
verdict = "OK" if not diffs else f"FAILED ({len(diffs)} differences)"
print(f"sanity check: {len(seen)} cohort quarters, {compared} figures compared, "
      f"{withheld} withheld by mentorbook's privacy rule skipped: {verdict}")
sys.exit(1 if diffs else 0)
