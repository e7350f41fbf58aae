"""Run benches/figures.sql with DuckDB on a program's data folder.

    python3 benches/duckdb_figures.py DATA_DIR OUT.csv

Writes the `figures` table to OUT.csv and prints the in-process time of
the SQL (reading the CSV files included; interpreter start-up and
`import duckdb` not) in milliseconds on stderr.
"""
import os
import sys
import time

import duckdb

data_dir, out = sys.argv[1], os.path.abspath(sys.argv[2])
sql = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures.sql")).read()
os.chdir(data_dir)
t0 = time.perf_counter()
con = duckdb.connect()
con.execute(sql)
con.execute(f"COPY figures TO '{out}' (HEADER, DELIMITER ',')")
ms = (time.perf_counter() - t0) * 1000
print(f"duckdb sql: {ms:.0f} ms", file=sys.stderr)
