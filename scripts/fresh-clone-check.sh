#!/usr/bin/env bash
# The repository stands alone (issue #19): clone the committed main into an empty temporary folder
# (nothing beside it: no ../shared), run README's test command there, and require it to pass and to
# say which shared-data and schema checks it did not run. The last step of .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/repo"
cd "$work/repo"
echo "▶ fresh clone in $work/repo (nothing beside it): $(git log -1 --format='%h %s' | cut -c1-80)"
# README's test command, exactly as a newcomer types it (taken from README so the two cannot drift).
command=$(awk '/^Run the tests/{f=1} f&&/^```bash/{getline; print; exit}' README.md)
[ -n "$command" ] || { echo "fresh-clone-check: README has no test command after 'Run the tests'" >&2; exit 1; }
echo "▶ $command"
set +e
env -u PAR_SHARED bash -c "$command" 2>&1 | tee "$work/log"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || { echo "✖ README's test command failed in a fresh clone (exit $status)" >&2; exit "$status"; }
for what in 'shared fixtures' 'Office manifest schemas'; do
  grep -q "^  - .*$what.*— no \.\./shared" "$work/log" || { echo "✖ the fresh clone's run did not report the $what check as not run" >&2; exit 1; }
done
echo "✔ a fresh clone with nothing beside it passes README's test command"
