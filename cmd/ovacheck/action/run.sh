#!/usr/bin/env bash
# The GitHub Action's work (action.yml at the repository root), runnable on
# any machine with Go and bash:
#
#   OVACHECK_PATHS='dist/*.ova' cmd/ovacheck/action/run.sh
#
# It builds the CLI from this repository (or uses OVACHECK_BIN when that is
# an executable), checks every package, folder or glob in OVACHECK_PATHS
# (separated by newlines or blanks; the CLI expands the globs, and a glob
# matching nothing is an error), and writes one SARIF log for
# github/codeql-action/upload-sarif. It sets the outputs
#   verdict    pass, warn, fail (the worst package), or error when a package
#              could not be checked
#   report     the SARIF file
#   exit-code  the CLI's exit status
# in $GITHUB_OUTPUT (standard output when unset), adds the summary table to
# $GITHUB_STEP_SUMMARY when set, and exits with the CLI's status: 1 when a
# package fails (a warning fails too with OVACHECK_FAIL_ON=warning), 2 when
# one could not be checked.
#
# Inputs (environment):
#   OVACHECK_PATHS    what to check (required)
#   OVACHECK_FAIL_ON  error (default) or warning
#   OVACHECK_SARIF    where to write the SARIF log (default ovacheck.sarif)
#   OVACHECK_ARGS     more flags, e.g. "--target vsphere-8.0 --profile strict"
#   OVACHECK_SRC      the repository to build from (default: the one holding this script)
#   OVACHECK_BIN      a built ovacheck to use instead of building one
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${OVACHECK_SRC:-$(cd "$here/../../.." && pwd)}
fail_on=${OVACHECK_FAIL_ON:-error}
sarif=${OVACHECK_SARIF:-ovacheck.sarif}

if [[ -z "${OVACHECK_PATHS:-}" ]]; then
  echo "ovacheck action: no paths to check (input paths)" >&2
  exit 2
fi
case "$fail_on" in
  error | warning) ;;
  *) echo "ovacheck action: fail-on takes error or warning, not '$fail_on'" >&2; exit 2 ;;
esac

bin=${OVACHECK_BIN:-}
if [[ -z "$bin" || ! -x "$bin" ]]; then
  bin=${bin:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ovacheck-action/ovacheck}
  mkdir -p "$(dirname "$bin")"
  echo "ovacheck action: building the CLI from $src" >&2
  (cd "$src" && go build -o "$bin" ./cmd/ovacheck)
fi

# Split the inputs on blanks and newlines without letting the shell expand
# the globs: the CLI expands them and refuses one that matches nothing.
set -f
# shellcheck disable=SC2206 # splitting is wanted here
paths=($OVACHECK_PATHS)
# shellcheck disable=SC2206
extra=(${OVACHECK_ARGS:-})
set +f

mkdir -p "$(dirname "$sarif")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$bin" --format sarif --fail-on "$fail_on" --no-progress "${extra[@]}" -- "${paths[@]}" >"$sarif" 2>"$log" || status=$?
cat "$log" >&2

# The last line of the summary counts the verdicts:
#   N packages: P pass, W warn, F fail, E could not be checked
totals=$(grep -E '^  [0-9]+ packages?: ' "$log" | tail -n 1 || true)
count() { sed -nE "s/.* ([0-9]+) $1.*/\\1/p" <<<"$totals"; }
verdict=error
if [[ -n "$totals" ]]; then
  if [[ $(count 'could not') -gt 0 ]]; then verdict=error
  elif [[ $(count fail) -gt 0 ]]; then verdict=fail
  elif [[ $(count warn) -gt 0 ]]; then verdict=warn
  else verdict=pass
  fi
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then exec 3>>"$GITHUB_OUTPUT"; else exec 3>&1; fi
{
  echo "verdict=$verdict"
  echo "report=$sarif"
  echo "exit-code=$status"
} >&3

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### ovacheck: $verdict"
    echo
    echo '```'
    sed -n '/^Summary$/,$p' "$log"
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
