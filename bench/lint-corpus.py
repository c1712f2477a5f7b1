#!/usr/bin/env python3
"""Keel's checker and squawk on the same real migration histories, in one run: per tool the files,
parse failures, findings per rule and wall time (median of RUNS, the tools' runs interleaved).
Called by `bench/lint --corpus DIR GLOB [--corpus DIR GLOB ...] [RUNS]`.

A corpus is a folder of SQL files in any layout, taken in path order (diesel's up.sql folders,
golang-migrate's NNN_name.up.sql, ...); GLOB picks them. Several corpora are taken one after the
other, as one long history. Keel reads them as its own migrations, one release each, copied in
that order into a scratch migration/ folder, and is started as make starts it
(tools/scripts/keel-migrate); squawk reads the files where they are. Nothing of a corpus is kept.
"""
import collections, glob, json, os, shutil, statistics, subprocess, sys, tempfile, time

def main():
    runs, keel, squawk = sys.argv[1:4]
    runs = int(runs)
    specs = list(zip(sys.argv[4::2], sys.argv[5::2]))
    files = []
    for corpus, pattern in specs:
        found = sorted(f for f in glob.glob(os.path.join(corpus, pattern), recursive=True) if os.path.isfile(f))
        if not found:
            sys.exit(f"bench/lint: no file matches {pattern} under {corpus}")
        files += found
    work = tempfile.mkdtemp(prefix="keel-bench-corpus.")
    try:
        for sub in ("migration", "undo"):
            os.makedirs(os.path.join(work, sub))
        for i, source in enumerate(files, 1):
            name = "V%014d__f%d.sql" % (20000101000000 + i, i)
            shutil.copyfile(source, os.path.join(work, "migration", name))
            open(os.path.join(work, "undo", "U" + name[1:]), "w").write("SELECT 1;\n")
        env = dict(os.environ, KEEL_RELEASE_TAGS="none-such-tag")
        keel_cmd = [keel, "lint", "--dir", work, "--format", "json"]
        squawk_cmd = [squawk, "--reporter", "json", "--assume-in-transaction"] + files

        def timed(cmd):
            began = time.monotonic()
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=os.getcwd())
            return time.monotonic() - began, done

        timed(keel_cmd)  # the first run after a build writes the AOT cache, as make's first run does
        keel_times, squawk_times = [], []
        keel_out = squawk_out = None
        for _ in range(runs):
            t, keel_out = timed(keel_cmd)
            keel_times.append(t)
            t, squawk_out = timed(squawk_cmd)
            squawk_times.append(t)

        keel = json.loads(keel_out.stdout or "[]")
        squawk_findings = json.loads(squawk_out.stdout or "[]")
        keel_rules = collections.Counter(f["rule"] for f in keel)
        squawk_rules = collections.Counter(f["rule_name"] for f in squawk_findings)
        keel_parse = len({f["file"] for f in keel if f["rule"] == "syntax"})
        squawk_parse = len({f["file"] for f in squawk_findings if f["rule_name"] in ("syntax-error", "parse-error")})
        keel_files_with = len({f["file"] for f in keel})
        squawk_files_with = len({f["file"] for f in squawk_findings})
        # An exception exits 1 like findings do; its "keel-migrate: ..." line on stderr tells them apart.
        crashed = keel_out.returncode not in (0, 1) or "keel-migrate: " in keel_out.stderr

        what = " + ".join(f"{corpus} ({pattern})" for corpus, pattern in specs)
        print(f"bench/lint corpus: {what}, {len(files)} files, median of {runs} runs")
        print(f"  {'':32} {'keel-migrate lint':>18} {'squawk ' + squawk_version(squawk):>18}")
        row = lambda label, a, b: print(f"  {label:32} {a:>18} {b:>18}")
        row("wall time, JVM start included", "%.2f s" % statistics.median(keel_times),
            "%.2f s" % statistics.median(squawk_times))
        row("ratio to squawk", "%.2f" % (statistics.median(keel_times) / statistics.median(squawk_times)), "1.00")
        row("files with a parse failure", keel_parse, squawk_parse)
        row("files with a finding", keel_files_with, squawk_files_with)
        row("findings", len(keel), len(squawk_findings))
        row("crashed", "yes: exit %d" % keel_out.returncode if crashed else "no", "no" if squawk_out.returncode in (0, 1) else "yes")
        for tool, rules in (("keel-migrate lint", keel_rules), ("squawk", squawk_rules)):
            print(f"  {tool} findings per rule:")
            for rule, count in rules.most_common():
                print(f"    {count:6d}  {rule}")
        if crashed:
            print(keel_out.stderr[-2000:], file=sys.stderr)
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)

def squawk_version(squawk):
    out = subprocess.run([squawk, "--version"], capture_output=True, text=True).stdout.split()
    return out[-1] if out else "?"

if __name__ == "__main__":
    main()
