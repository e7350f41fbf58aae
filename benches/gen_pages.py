"""Deterministic handbook pages for the page benchmark of benches/compare.sh.

    python3 benches/gen_pages.py --pages 1000 [--sections 20] --out DIR

Writes the same Markdown text twice:

- DIR/mentorbook/: a program folder: mentorbook.toml, a minimal data set
  (one cohort, one pair), content/_index.md, content/handbook/_index.md and
  content/handbook/section-SS/_index.md with its pages
  content/handbook/section-SS/page-NNNN.md, with TOML front matter and `@/`
  links (`[Title](@/handbook/section-03/page-0042.md)`, with `#anchor` for
  some);
- DIR/mdbook/: book.toml, src/SUMMARY.md (the same sections, nested) and
  src/handbook/section-SS/page-NNNN.md with a `# Title` heading instead of
  front matter and plain relative links (`../section-03/page-0042.md`).

The pages are spread evenly over the sections, in order, as a large
handbook is split into chapters. `--sections 0` writes them all into
handbook/ itself, one flat section (the layout of the first measurements).

Pages have headings (## and ###), paragraphs with emphasis, inline code and
links to other pages, bullet, numbered and task lists, a table, a
blockquote and sometimes a code block: about 6 KB each. Only the standard
library and its own PRNG, so the output never changes.
"""
import argparse
import os

WORDS = (
    "mentor mentee goal meeting feedback agenda career growth skill practice "
    "question listen reflect plan review progress network sponsor coach "
    "challenge support trust boundary priority habit outcome project team "
    "manager conversation promotion visibility confidence stretch learning "
    "experience example story decision tradeoff context expectation checkin "
    "milestone follow through commitment calendar notes summary next step"
).split()
TOPICS = [
    "Getting started", "Setting the agenda", "Asking good questions",
    "Listening well", "Giving feedback", "Receiving feedback", "Setting goals",
    "Tracking progress", "Difficult conversations", "Career paths",
    "Building a network", "Working across teams", "Managing time",
    "Ending the relationship", "Confidentiality", "Remote mentoring",
    "Sponsorship", "Stretch assignments", "Reflection", "Common pitfalls",
]
SUBHEADS = [
    "Why it matters", "What to try", "An example", "Questions to ask",
    "Things to avoid", "Checklist", "Further reading", "In practice",
    "For mentors", "For mentees",
]


class Rng:
    """xorshift64*: deterministic across Python versions."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & 0xFFFFFFFFFFFFFFFF or 1

    def next(self):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & 0xFFFFFFFFFFFFFFFF
        s ^= s >> 27
        self.s = s
        return (s * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return (self.next() >> 11) % n

    def pick(self, items):
        return items[self.below(len(items))]


def slug(text):
    """The heading id both tools derive: lowercase, spaces as `-`."""
    return "-".join("".join(c for c in text.lower() if c.isalnum() or c == " ").split())


def title_of(i):
    return f"{TOPICS[i % len(TOPICS)]}, part {i // len(TOPICS) + 1}"


def sentence(rng, link):
    n = 8 + rng.below(12)
    words = [rng.pick(WORDS) for _ in range(n)]
    k = rng.below(10)
    if k == 0:
        words[1] = f"*{words[1]}*"
    elif k == 1:
        words[2] = f"**{words[2]}**"
    elif k == 2:
        words[3] = f"`{words[3]}`"
    elif k == 3 and link is not None:
        words[4] = link(words[4])
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, link):
    return " ".join(sentence(rng, link) for _ in range(3 + rng.below(4)))


def page_body(i, pages, rng):
    """The page's Markdown with link placeholders: a list of parts, each a
    str or a (target page, anchor or None, text) link."""
    # Links are kept symbolic so both forms come from the same text.
    parts = []
    heads = []

    def link(text):
        j = rng.below(pages)
        anchor = None
        if rng.below(3) == 0:
            anchor = "sub"  # resolved to the target's first ## heading
        parts_links.append((j, anchor, text))
        return f"\x00{len(parts_links) - 1}\x00"

    parts_links = []
    out = [paragraph(rng, link), ""]
    for h in range(4 + rng.below(3)):
        head = SUBHEADS[(i + h) % len(SUBHEADS)]
        heads.append(head)
        out += [f"## {head}", "", paragraph(rng, link), ""]
        kind = rng.below(6)
        if kind == 0:
            out += [f"- {sentence(rng, link)}" for _ in range(3 + rng.below(4))] + [""]
        elif kind == 1:
            out += [f"{k + 1}. {sentence(rng, link)}" for k in range(3 + rng.below(3))] + [""]
        elif kind == 2:
            out += ["| Step | Who | When |", "|---|---|---|"]
            out += [f"| {rng.pick(WORDS)} {rng.pick(WORDS)} | {rng.pick(['mentor', 'mentee', 'both'])} "
                    f"| week {1 + rng.below(12)} |" for _ in range(3 + rng.below(4))] + [""]
        elif kind == 3:
            out += [f"> {sentence(rng, link)}", ">", f"> {sentence(rng, None)}", ""]
        elif kind == 4:
            out += [f"- [{rng.pick([' ', 'x'])}] {sentence(rng, link)}" for _ in range(4)] + [""]
        else:
            out += ["```text", *(f"{rng.pick(WORDS)}: {rng.pick(WORDS)} {rng.pick(WORDS)}"
                                 for _ in range(4)), "```", ""]
        if rng.below(2) == 0:
            out += [f"### {head}: {rng.pick(WORDS)}", "", paragraph(rng, link), ""]
    # Always link the next and previous page.
    nxt, prv = (i + 1) % pages, (i - 1) % pages
    parts_links.append((nxt, None, "the next page"))
    parts_links.append((prv, None, "the previous page"))
    n = len(parts_links)
    out += [f"See also \x00{n - 2}\x00 and \x00{n - 1}\x00.", ""]
    return "\n".join(out), parts_links, heads[0]


def render(text, links, first_head, href):
    pieces = text.split("\x00")
    for k in range(1, len(pieces), 2):
        j, anchor, label = links[int(pieces[k])]
        pieces[k] = f"[{label}]({href(j, anchor and slug(first_head[j]))})"
    return "".join(pieces)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--sections", type=int, default=20)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    n = args.pages
    sections = args.sections
    bodies = [page_body(i, n, Rng(i + 1)) for i in range(n)]
    first_head = [b[2] for b in bodies]
    # The folder of page j under handbook/: "section-SS/", or "" when flat.
    folder = lambda j: f"section-{j * sections // n + 1:02d}/" if sections else ""
    name = lambda j: f"{folder(j)}page-{j + 1:04d}.md"

    def relative(i, j):
        """page j's file as a link from page i's, as mdBook reads it."""
        if folder(i) == folder(j):
            return f"page-{j + 1:04d}.md"
        return f"../{name(j)}"

    mb = os.path.join(args.out, "mentorbook")
    md = os.path.join(args.out, "mdbook")
    dirs = {f"{mb}/content/handbook/{folder(j)}" for j in range(n)} | {f"{md}/src/handbook/{folder(j)}" for j in range(n)}
    for d in sorted(dirs | {f"{mb}/data"}):
        os.makedirs(d, exist_ok=True)

    def write(path, text):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write(f"{mb}/mentorbook.toml", 'title = "Page benchmark"\n')
    write(f"{mb}/data/cohorts.csv",
          "cohort_id,name,start_date,end_date\nc1,Cohort one,2024-01-08,2024-06-28\n")
    write(f"{mb}/data/pairs.csv",
          "pair_id,cohort_id,mentor_id,mentee_id,matched_on\nq1,c1,p1,p2,2024-01-15\n")
    write(f"{mb}/content/_index.md", '+++\ntitle = "Page benchmark"\n+++\n\nThe handbook.\n')
    write(f"{mb}/content/handbook/_index.md", '+++\ntitle = "Handbook"\n+++\n\nAll pages.\n')
    write(f"{md}/book.toml", '[book]\ntitle = "Page benchmark"\n')
    summary = ["# Summary", ""]
    indent = ""
    for i, (text, links, _) in enumerate(bodies):
        title = title_of(i)
        if sections and (i == 0 or folder(i) != folder(i - 1)):
            s = i * sections // n + 1
            section_title = f"Chapter {s}: {TOPICS[(s - 1) % len(TOPICS)]}"
            write(f"{mb}/content/handbook/{folder(i)}_index.md",
                  f'+++\ntitle = "{section_title}"\nweight = {s}\n+++\n\nThe pages of chapter {s}.\n')
            write(f"{md}/src/handbook/{folder(i)}index.md", f"# {section_title}\n\nThe pages of chapter {s}.\n")
            summary.append(f"- [{section_title}](handbook/{folder(i)}index.md)")
            indent = "  "
        mb_text = render(text, links, first_head,
                         lambda j, a: f"@/handbook/{name(j)}" + (f"#{a}" if a else ""))
        md_text = render(text, links, first_head,
                         lambda j, a, i=i: relative(i, j) + (f"#{a}" if a else ""))
        write(f"{mb}/content/handbook/{name(i)}",
              f'+++\ntitle = "{title}"\nweight = {i + 1}\n+++\n\n{mb_text}')
        write(f"{md}/src/handbook/{name(i)}", f"# {title}\n\n{md_text}")
        summary.append(f"{indent}- [{title}](handbook/{name(i)})")
    write(f"{md}/src/SUMMARY.md", "\n".join(summary) + "\n")


if __name__ == "__main__":
    main()
