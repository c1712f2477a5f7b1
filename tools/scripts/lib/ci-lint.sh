# Sourced by check-ci and check-kubernetes: installs tools/ci-lint's pinned packages (npm ci, from
# package-lock.json) once per lock file change, into tools/ci-lint/node_modules (git-ignored).
ci_lint=tools/ci-lint

ci_lint_install() {
  local name=$1
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "$name: node and npm are needed (Node.js 18 or newer) to install tools/ci-lint's checkers." >&2
    echo "  Fix: on Debian, apt-get install nodejs npm; elsewhere, Node.js from your package manager." >&2
    exit 1
  fi
  if ! cmp -s "$ci_lint/package-lock.json" "$ci_lint/node_modules/.keel-installed-lock" 2>/dev/null; then
    # --ignore-scripts: no package needs an install script for what the checks use (gitlab-ci-local's
    # native re2 is never loaded), and none runs code at install time.
    (cd "$ci_lint" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || {
      echo "$name: npm ci in $ci_lint failed (is the npm registry reachable?)" >&2
      exit 1
    }
    cp "$ci_lint/package-lock.json" "$ci_lint/node_modules/.keel-installed-lock"
  fi
}
