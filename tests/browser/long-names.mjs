// Turns a program written by the example generator into the browser tests' second
// program: every cohort renamed to 60 characters or more, with the repository's
// handbook and config beside the data.
//
//   cargo run --example generate -- --cohorts 40 --pairs-per-cohort 8 --out DIR
//   node tests/browser/long-names.mjs DIR
//
// Only data/cohorts.csv's `name` column changes (ids, and so every figure, stay
// the generator's). Names keep the generator's words and grow in the middle:
// "Engineering mentoring 12, Autumn 2023" becomes
// "Engineering mentoring 12 for first-time managers and team leads, Autumn 2023".

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const LONGER = ' for first-time managers and team leads';
const MIN_CHARS = 60;

/** RFC 4180 records of `text` (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The long form of a generated cohort name: the words added before its season. */
export function longName(name) {
  const comma = name.lastIndexOf(', ');
  const long = comma < 0 ? `${name}${LONGER}` : `${name.slice(0, comma)}${LONGER}${name.slice(comma)}`;
  if (long.length < MIN_CHARS) throw new Error(`"${long}" is shorter than ${MIN_CHARS} characters`);
  return long;
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const [a, b] = [path.join(from, e.name), path.join(to, e.name)];
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

function main(dir) {
  const file = path.join(dir, 'data', 'cohorts.csv');
  const rows = parseCsv(fs.readFileSync(file, 'utf8'));
  const name = rows[0].indexOf('name');
  if (name < 0) throw new Error(`${file}: no name column`);
  const out = rows.map((r, i) => (i === 0 ? r : r.map((f, j) => (j === name ? longName(f) : f))));
  fs.writeFileSync(file, out.map((r) => r.map(csvField).join(',')).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'mentorbook.toml'), [
    'title = "Long names mentoring program"',
    'description = "Forty cohorts with long names, for the browser tests."',
    'base_url = "https://mentoring.example.org/"',
    '',
    '[privacy]',
    'min_group_size = 5',
    '',
  ].join('\n'));
  copyDir(path.join(REPO, 'content'), path.join(dir, 'content'));
  fs.copyFileSync(path.join(REPO, 'roles.toml'), path.join(dir, 'roles.toml'));
  console.log(`${file}: ${out.length - 1} cohorts renamed, the shortest name ${Math.min(...out.slice(1).map((r) => r[name].length))} characters`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    console.error('usage: node long-names.mjs PROGRAM_DIR');
    process.exit(2);
  }
  main(process.argv[2]);
}
