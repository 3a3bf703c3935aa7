#!/usr/bin/env bash
# One command for the peer comparison: bench/run.sh [compare.py options]
#   bench/run.sh                      # 10k, 100k and 1M relations (about an hour on 2 cores)
#   bench/run.sh --sizes 10k,100k     # quick
#   bench/run.sh --peers ndlib --ops escalate   # the escalation comparison only
# Makes bench/.venv from bench/requirements.txt (pinned), builds casus and
# its benchmark driver in release mode, then runs bench/compare.py, which
# prints the ratio table (Markdown) on stdout and progress on stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
py="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
  "$py" -m venv "$here/.venv"
fi
if ! cmp -s "$here/requirements.txt" "$here/.venv/requirements.installed"; then
  "$here/.venv/bin/pip" install --quiet --upgrade pip
  "$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$here/.venv/requirements.installed"
fi
cargo build --release --quiet --bin casus --example perf
exec "$here/.venv/bin/python" "$here/compare.py" "$@"
