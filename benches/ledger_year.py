#!/usr/bin/env python3
"""A simulated year of weekly rebuilds (issue 16): what share of feedback
figures the ledger keeps at an old value or withholds, against the same
weeks built without a ledger.

    benches/ledger_year.py [--cohorts N] [--pairs N] [--weeks N] [--bin PATH]

The program comes from the project's generator; each week moves
`data.as_of` on by seven days (rows dated later are not counted yet, as if
they had not arrived), builds with the ledger and builds again with
`--no-ledger`. Every feedback figure with rows in every metrics.json (a
cohort's overall and quarters, each quarterly report's program and cohorts;
mentor, mentee and all; mean rating and NPS) is counted as shown, kept
(`published_as_of`: its value from an older version) or withheld (null).
Closed quarters freeze as they would (close_after_days 14). Not part of
`cargo test`; see docs/privacy.md ("What the ledger costs").
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys


def figures(site):
    """(shown, kept, withheld) over every feedback figure with rows."""
    shown = kept = withheld = 0

    def group(m):
        nonlocal shown, kept, withheld
        fb = m["feedback"]
        for f in (fb, fb["by_role"]["mentor"], fb["by_role"]["mentee"]):
            if f["responses"] == 0:
                continue
            for key in ("mean_rating", "nps"):
                if f[key] is None:
                    withheld += 1
                elif "published_as_of" in f:
                    kept += 1
                else:
                    shown += 1

    for root, _, files in os.walk(site):
        if "metrics.json" not in files:
            continue
        with open(os.path.join(root, "metrics.json"), encoding="utf-8") as fh:
            j = json.load(fh)
        if "cohort" in j:
            if j["overall"] is not None:
                group(j["overall"])
            for q in j["quarters"]:
                group(q)
        elif "quarter" in j:
            group(j)
            for c in j["cohorts"]:
                group(c)
    return shown, kept, withheld


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cohorts", type=int, default=12)
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--bin", default="target/release/mentorbook")
    ap.add_argument("--start", default="2024-01-07", help="as_of of the first week")
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "mentorbook", "--example", "generate"],
        check=True,
    )
    base = os.environ.get("LEDGER_DIR", "/dev/shm/mentorbook-ledger-year")
    shutil.rmtree(base, ignore_errors=True)
    prog = os.path.join(base, "program")
    subprocess.run(
        ["target/release/examples/generate", "--cohorts", str(args.cohorts),
         "--pairs-per-cohort", str(args.pairs), "--out", prog],
        check=True, stdout=subprocess.DEVNULL,
    )
    start = datetime.date.fromisoformat(args.start)
    totals = {"ledger": [0, 0, 0], "none": [0, 0, 0]}
    weeks = []
    for w in range(args.weeks):
        as_of = start + datetime.timedelta(days=7 * w)
        with open(os.path.join(prog, "mentorbook.toml"), "w", encoding="utf-8") as fh:
            fh.write(f'title = "A year of weekly rebuilds"\n[data]\nas_of = "{as_of}"\n')
        row = [str(as_of)]
        for name, extra in (("ledger", []), ("none", ["--no-ledger"])):
            out = os.path.join(base, "site-" + name)
            r = subprocess.run(
                [args.bin, "--root", prog, "build", "-q", *extra, "-o", out],
                capture_output=True, text=True,
            )
            if r.returncode != 0:
                sys.exit(f"week {as_of} ({name}): {r.stderr}")
            s, k, h = figures(out)
            for i, v in enumerate((s, k, h)):
                totals[name][i] += v
            row += [s, k, h]
        weeks.append(row)
    size = os.path.getsize(os.path.join(prog, "mentorbook.lock"))
    with open(os.path.join(prog, "data", "feedback.csv"), encoding="utf-8") as fh:
        rows = sum(1 for _ in fh) - 1
    print("week        with ledger: shown kept withheld | without: shown kept withheld")
    for r in weeks:
        print(f"{r[0]}  {r[1]:>6} {r[2]:>5} {r[3]:>8} | {r[4]:>6} {r[5]:>5} {r[6]:>8}")
    for name, label in (("ledger", "with the ledger"), ("none", "without a ledger")):
        s, k, h = totals[name]
        n = s + k + h
        print(f"{label}: {n} figure-weeks, {100 * k / n:.1f}% kept at an old value, "
              f"{100 * h / n:.1f}% withheld, {100 * s / n:.1f}% fresh")
    print(f"ledger after {args.weeks} weeks: {size} bytes for {rows} feedback rows "
          f"({size / rows:.1f} bytes per row)")


if __name__ == "__main__":
    main()
