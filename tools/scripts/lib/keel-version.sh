# Shared by tools/scripts/rename and tools/scripts/template-sync: .keel-version, at a fork's root,
# records the upstream Keel commit the fork's template-owned paths (tools/template-paths) are at,
# the base that `make template-sync` merges against. Upstream Keel has none: it is its own base.
# Its format: # comment lines, then key=value lines, of which only commit= is read:
#   commit=<the upstream commit, full hex>
#   describe=<git describe --tags --always of it, for people>
#   date=<its commit date, ISO 8601, for people>
# Source it from the project root.

KEEL_VERSION_FILE=.keel-version

# write_keel_version <commit> [<describe>]: (re)write .keel-version for that commit, which must be in
# this repository; describe defaults to git describe's here.
write_keel_version() {
  local commit describe date
  commit=$(git rev-parse --verify "$1^{commit}")
  describe=${2:-$(git describe --tags --always "$commit")}
  date=$(git show -s --format=%cI "$commit")
  cat >"$KEEL_VERSION_FILE" <<VERSION
# The upstream Keel commit this fork's Keel-owned paths (tools/template-paths) are at: the base
# \`make template-sync\` merges against. Written by \`make rename\`, rewritten by each
# \`make template-sync\`; commit it with them. Only the commit= line is read (docs/forking.md).
commit=$commit
describe=$describe
date=$date
VERSION
}

# read_keel_version: print the commit= of .keel-version, or nothing when the file or the line is missing.
read_keel_version() {
  [ -f "$KEEL_VERSION_FILE" ] || return 0
  sed -n 's/^commit=\([0-9a-f]\{40,64\}\)[[:space:]]*$/\1/p' "$KEEL_VERSION_FILE" | tail -n 1
}
