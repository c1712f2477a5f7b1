#!/usr/bin/env python3
"""How well the postgres-only rule tells foreign SQL from PostgreSQL, judged by PostgreSQL's own parser.
Called by `bench/lint-dialects`.

A file is foreign ("MySQL-specific" in a MySQL history) when PostgreSQL's parser (npm libpg-query)
rejects it; it is valid PostgreSQL syntax when the parser accepts it. For each corpus, given as a
folder and a glob, Keel lints the files as its own migrations, one release each, copied in path
order into a scratch Flyway layout (as bench/lint-corpus.py does), and this prints:
  - files rejected by the parser, how many got a postgres-only finding, and those that did not;
  - files accepted by the parser that got postgres-only, with the messages, to judge one by one:
    a foreign function in valid syntax (JSON_EXTRACT(...)) is rightly reported, anything else valid
    in PostgreSQL is a false alarm.
Nothing of the corpus is kept.
"""
import collections, glob, json, os, shutil, subprocess, sys, tempfile

def main():
    java, jar, node, pg_query, pairs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    if not pairs or len(pairs) % 2:
        sys.exit("usage: bench/lint-dialects DIR GLOB [DIR GLOB ...]")
    totals = collections.Counter()
    for corpus, pattern in zip(pairs[::2], pairs[1::2]):
        for key, value in corpus_report(java, jar, node, pg_query, corpus, pattern).items():
            totals[key] += value
    if len(pairs) > 2:
        print(f"total: {totals['files']} files, {totals['rejected']} rejected by PostgreSQL's parser, "
              f"{totals['caught']} of them with postgres-only ({percent(totals['caught'], totals['rejected'])}); "
              f"{totals['accepted_flagged']} of {totals['accepted']} accepted files with postgres-only")

def corpus_report(java, jar, node, pg_query, corpus, pattern):
    files = sorted(f for f in glob.glob(os.path.join(corpus, pattern), recursive=True) if os.path.isfile(f))
    if not files:
        sys.exit(f"bench/lint-dialects: no file matches {pattern} under {corpus}")
    parsed = subprocess.run([node, os.path.join(os.path.dirname(__file__), "lint-dialects-parse.cjs"), pg_query],
                            input="\n".join(files), capture_output=True, text=True, check=True)
    verdicts = {v["file"]: v for v in map(json.loads, parsed.stdout.splitlines())}
    findings = keel_findings(java, jar, files)
    flagged = {f: [x for x in findings.get(f, []) if x["rule"] == "postgres-only"] for f in files}
    rejected = [f for f in files if not verdicts[f]["accepted"]]
    accepted = [f for f in files if verdicts[f]["accepted"]]
    misses = [f for f in rejected if not flagged[f]]
    alarms = [f for f in accepted if flagged[f]]
    caught = len(rejected) - len(misses)
    rel = lambda f: os.path.relpath(f, corpus)

    print(f"bench/lint-dialects: {corpus} ({pattern})")
    print(f"  files                                   {len(files):6d}")
    print(f"  rejected by PostgreSQL's parser         {len(rejected):6d}")
    print(f"    of those, with a postgres-only finding {caught:5d}  {percent(caught, len(rejected))}")
    print(f"  accepted by PostgreSQL's parser         {len(accepted):6d}")
    print(f"    of those, with a postgres-only finding {len(alarms):5d}  (judge each below)")
    for f in misses:
        v = verdicts[f]
        print(f"  rejected, no postgres-only: {rel(f)}:{v['line']}: {v['error']}")
    for f in alarms:
        for x in flagged[f]:
            print(f"  accepted, flagged: {rel(f)}:{x.get('line', '?')}: {x['message']}")
    print()
    return {"files": len(files), "rejected": len(rejected), "caught": caught,
            "accepted": len(accepted), "accepted_flagged": len(alarms)}

def keel_findings(java, jar, files):
    """Keel's findings per corpus file: the files become V<n>__f<n>.sql with an undo U<n>__f<n>.sql."""
    work = tempfile.mkdtemp(prefix="keel-bench-dialects.")
    try:
        for sub in ("migration", "undo"):
            os.makedirs(os.path.join(work, sub))
        names = {}
        for i, source in enumerate(files, 1):
            name = "V%014d__f%d.sql" % (20000101000000 + i, i)
            shutil.copyfile(source, os.path.join(work, "migration", name))
            open(os.path.join(work, "undo", "U" + name[1:]), "w").write("SELECT 1;\n")
            names[name] = source
        env = dict(os.environ, KEEL_RELEASE_TAGS="none-such-tag")
        done = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-jar", jar, "lint", "--dir", work,
                               "--format", "json"], capture_output=True, text=True, env=env)
        if done.returncode not in (0, 1) or "keel-migrate: " in done.stderr:
            print(done.stderr[-2000:], file=sys.stderr)
            sys.exit(f"bench/lint-dialects: keel-migrate lint exited {done.returncode}")
        per_file = collections.defaultdict(list)
        for finding in json.loads(done.stdout or "[]"):
            name = os.path.basename(finding["file"])
            if name in names:
                per_file[names[name]].append(finding)
        return per_file
    finally:
        shutil.rmtree(work, ignore_errors=True)

def percent(part, whole):
    return "%.1f %%" % (100.0 * part / whole) if whole else "n/a"

if __name__ == "__main__":
    main()
