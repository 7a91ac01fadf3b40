#!/usr/bin/env bash
# Nightly drift check for any scheduler (cron, a systemd timer, CI): compare the last day of traces with a
# frozen baseline, write text/JSON/HTML/JUnit reports, and exit 1 when something drifted (0 when not,
# 2 on bad input or a modified baseline). Every setting is an environment variable:
#
#   SIGHTLINE   how to run the CLI            default: npx --no-install sightline
#   BASELINE    frozen baseline file          default: baselines/frozen.json
#   CURRENT     the window under test: files, a folder, a glob, a jaeger: spec, or a window such as 24h..now
#               over SOURCE                   default: 24h..now
#   SOURCE      what a window in CURRENT reads default: .sightline/traces
#   REPORTS     report folder                 default: reports
#   FORMATS     report formats                default: text,json,html,junit
#
# Extra arguments are passed to `sightline drift` (e.g. --now 2025-06-15T00:00:00Z, --config FILE).
set -euo pipefail

SIGHTLINE="${SIGHTLINE:-npx --no-install sightline}"
BASELINE="${BASELINE:-baselines/frozen.json}"
CURRENT="${CURRENT:-24h..now}"
SOURCE="${SOURCE:-.sightline/traces}"
REPORTS="${REPORTS:-reports}"
FORMATS="${FORMATS:-text,json,html,junit}"

# A modified baseline must fail loudly rather than judge the night against the wrong reference. verify exits
# 1 for a modified file; that is bad input to this job (exit 2), not drift (exit 1).
verified=0
$SIGHTLINE baseline verify "$BASELINE" || verified=$?
if [ "$verified" -ne 0 ]; then
  echo "nightly drift: baseline $BASELINE failed verification (exit code $verified); no comparison made" >&2
  exit 2
fi

status=0
$SIGHTLINE drift --baseline "$BASELINE" --current "$CURRENT" --source "$SOURCE" \
  --format "$FORMATS" --out-dir "$REPORTS" "$@" || status=$?

if [ -f "$REPORTS/drift-report.txt" ]; then cat "$REPORTS/drift-report.txt"; fi
case "$status" in
  0) echo "nightly drift: no drift (reports in $REPORTS/)" ;;
  1) echo "nightly drift: DRIFT (see $REPORTS/drift-report.html)" >&2 ;;
  *) echo "nightly drift: failed with exit code $status" >&2 ;;
esac
exit "$status"
