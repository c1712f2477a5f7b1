#!/usr/bin/env python3
"""How many of the checker's findings on real PostgreSQL histories are real hazards: runs
`keel-migrate lint` over the public corpora below, pools every finding, draws SAMPLE of them with
a fixed seed and prints them for review. `--check DOC` compares the draw with the table in
docs/checker-precision.md (same findings, in the same order, each with a verdict) and prints the
precision that table gives; it fails when the table and the checker disagree, so the document
stays true when a rule changes.

The corpora are fetched, never committed: clone each repository at the commit below into
CORPORA/<name> (default /tmp/corpus), keeping only the path shown if you like. A corpus that is
missing is reported and the run stops: a draw over fewer corpora is a different sample.
Usage: bench/lint-precision [--check DOC] [--sample N] [--seed S] [--corpora DIR]
"""
import argparse, collections, hashlib, json, os, re, shutil, subprocess, sys, tempfile

# name, repository, commit, folder inside the corpus root, files to take (regex on the path below
# the folder), files to leave out. Each history is read in natural path order, every file its own
# release, as it ran: up files only, the changes a team ships (downs run only when undoing one).
# supabase/auth's files are Go templates: rendered with its default namespace first, as it does.
RENDER = {"supabase-auth": (re.compile(r'\{\{\s*index \.Options "Namespace"\s*\}\}'), "auth")}
CORPORA = [
    ("lemmy", "LemmyNet/lemmy", "439734dd638a2c06a2f907beab7dcf4646e88f86",
     "lemmy/migrations", r"/up\.sql$", None),
    ("kratos", "ory/kratos", "b86338da04a040247a07f46100a86dcfb3875909",
     "kratos/persistence/sql/migrations/sql", r"\.postgres\.up\.sql$", None),
    ("hydra", "ory/hydra", "83127c5752d907f52dd5f048a734c596c4316477",
     "hydra/persistence/sql/migrations", r"\.up\.sql$", r"\.(mysql|sqlite|sqlite3|cockroach)\."),
    ("supabase-auth", "supabase/auth", "bc32168e13fdc928c98b449fc76bc3fdb9a293c5",
     "supabase-auth/migrations", r"\.up\.sql$", None),
    ("authelia", "authelia/authelia", "23572030b4048922a377ca40d59e804e0ed25fd7",
     "authelia/internal/storage/migrations/postgres", r"\.up\.sql$", None),
    ("temporal", "temporalio/temporal", "6805caea59e35d0611ed96be69641b8d86bff11c",
     "temporal/schema/postgresql/v12", r"/versioned/.*\.sql$", None),
]
# How each project's tool runs a file, when not in one transaction: temporal's schema tool sends
# every statement on its own (tools/common/schema/updatetask.go).
OPTIONS = {"temporal": ["--autocommit"]}

ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*(real|noise)\s*\|(.*)\|\s*$")


def natural(path):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


def corpus_files(root, folder, take, leave):
    base = os.path.join(root, folder)
    if not os.path.isdir(base):
        return base, None
    found = []
    for directory, _, names in os.walk(base):
        for name in names:
            relative = os.path.relpath(os.path.join(directory, name), base)
            probe = "/" + relative
            if re.search(take, probe) and not (leave and re.search(leave, probe)):
                found.append(relative)
    return base, sorted(found, key=natural)


def lint(keel, corpus, base, files):
    """`keel-migrate lint --history` over the up files in order, as a new user checks a history of
    another tool: every file its own release, hazards only (Keel's house conventions are for Keel's
    own migrations). Files are copied to a scratch folder first, rendered where the project renders
    them."""
    work = tempfile.mkdtemp(prefix="keel-bench-precision.")
    try:
        paths = []
        for relative in files:
            with open(os.path.join(base, relative), encoding="utf-8", errors="replace") as source:
                sql = source.read()
            if corpus in RENDER:
                sql = RENDER[corpus][0].sub(RENDER[corpus][1], sql)
            copy = os.path.join(work, relative)
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            with open(copy, "w", encoding="utf-8") as out:
                out.write(sql)
            paths.append(copy)
        done = subprocess.run([keel, "lint", "--history", "--format", "json"] + OPTIONS.get(corpus, []) + paths, capture_output=True, text=True)
        if done.returncode not in (0, 1) or "keel-migrate: " in done.stderr:
            sys.exit(f"bench/lint-precision: keel-migrate lint crashed on {base}:\n{done.stderr[-2000:]}")
        findings = json.loads(done.stdout or "[]")
        for finding in findings:
            finding["file"] = os.path.relpath(finding["file"], work)
        return findings
    finally:
        shutil.rmtree(work, ignore_errors=True)


def statement_line(base, relative, line):
    with open(os.path.join(base, relative), encoding="utf-8", errors="replace") as text:
        lines = text.read().splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--dump", help="also write every finding of the pool to this JSON file")
    parser.add_argument("--corpora", default=os.environ.get("KEEL_CORPORA", "/tmp/corpus"))
    parser.add_argument("keel", help="the keel-migrate launcher")
    args = parser.parse_args()

    pool, totals = [], []
    for name, repository, commit, folder, take, leave in CORPORA:
        base, files = corpus_files(args.corpora, folder, take, leave)
        if files is None:
            sys.exit(f"bench/lint-precision: corpus {name} is missing: clone https://github.com/{repository} "
                     f"at {commit[:12]} so that {base} exists")
        findings = lint(args.keel, name, base, files)
        totals.append((name, len(files), len(findings), collections.Counter(f["rule"] for f in findings)))
        for f in sorted(findings, key=lambda f: (natural(f["file"]), f["line"], f["column"], f["rule"])):
            pool.append((name, f["file"], f["line"], f["rule"], f["message"], statement_line(base, f["file"], f["line"])))

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as dump:
            json.dump([dict(zip(("corpus", "file", "line", "rule", "message", "sql"), f)) for f in pool], dump, indent=1)
    print(f"bench/lint-precision: {sum(t[1] for t in totals)} files, {len(pool)} findings in {len(totals)} corpora")
    for name, files, count, rules in totals:
        print(f"  {name:14} {files:5d} files {count:6d} findings  " + ", ".join(f"{r} {c}" for r, c in rules.most_common()))
    # Each finding's place in the draw comes from a hash of the seed and what identifies it, so a
    # rule change that adds or removes findings moves only those rows, not the whole sample.
    def rank(finding):
        key = f"{args.seed}:{finding[0]}:{finding[1]}:{finding[2]}:{finding[3]}".encode()
        return hashlib.sha256(key).hexdigest()
    drawn = set(sorted(range(len(pool)), key=lambda i: rank(pool[i]))[: args.sample])
    sample = [pool[i] for i in sorted(drawn)]

    if not args.check:
        print(f"\n{len(sample)} findings drawn with seed {args.seed}; rows for {('docs/checker-precision.md')}:\n")
        print("| # | corpus | where | rule | verdict | why |")
        print("|---|---|---|---|---|---|")
        for n, (name, file, line, rule, message, sql) in enumerate(sample, 1):
            print(f"| {n} | {name} | `{file}:{line}` | `{rule}` | ? | {sql[:70]} — {message[:110]} |")
        return

    rows = []
    with open(args.check, encoding="utf-8") as doc:
        for text in doc:
            match = ROW.match(text.rstrip("\n"))
            if match:
                rows.append(match.groups())
    problems = []
    if len(rows) != len(sample):
        problems.append(f"the table has {len(rows)} rows, the draw {len(sample)} findings")
    for n, ((name, file, line, rule, _, _), row) in enumerate(zip(sample, rows), 1):
        want = (str(n), name, f"{file}:{line}", rule)
        if tuple(row[:4]) != want:
            problems.append(f"row {n}: the table says {' '.join(row[:4])}, the checker now reports {' '.join(want)}")
    real = sum(1 for row in rows if row[4] == "real")
    print(f"{args.check}: {real} of {len(rows)} sampled findings are real hazards: precision {100.0 * real / max(1, len(rows)):.0f} %")
    if problems:
        print("The table no longer matches the checker; draw again and classify the new rows:", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
