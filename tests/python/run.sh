#!/usr/bin/env bash
# The export consumers' check: tests/python/run.sh [GRAPH ...]
# Makes tests/.venv from tests/python/requirements.txt (pinned), builds
# casus, then reads every export format back with NetworkX, igraph,
# followthemoney and an openCypher parser (tests/python/check_export.py).
# Default graphs: the built-in graph and the hostile-names fixture.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
venv="tests/.venv"
py="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
if ! cmp -s "$here/requirements.txt" "$venv/requirements.installed"; then
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.installed"
fi
cargo build --quiet --bin casus
if [ "$#" -eq 0 ]; then
  set -- builtin tests/fixtures/hostile
fi
exec "$venv/bin/python" "$here/check_export.py" target/debug/casus "$@"
