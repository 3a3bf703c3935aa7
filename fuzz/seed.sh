#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the repository's own files:
# graph/ and tests/fixtures/ (TOML graphs, scenarios, data-set fixtures,
# including the damaged ones). Targets that read a mode byte first get each
# seed once per mode. Idempotent; the corpus is not committed.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # seed TARGET MODE FILE...
  local t=$1 mode=$2; shift 2
  mkdir -p "corpus/$t"
  for f in "$@"; do
    [ -f "$f" ] || continue
    local name
    name=$(printf '%s' "$mode$f" | sha1sum | cut -c1-16)
    if [ -n "$mode" ]; then
      { printf "\\x$mode"; cat "$f"; } >"corpus/$t/$name"
    else
      cp "$f" "corpus/$t/$name"
    fi
  done
}
shopt -s nullglob globstar
graph_toml=("$root"/graph/*.toml "$root"/graph/relations/*.toml "$root"/tests/fixtures/{mini,merge,render}/**/*.toml)
seed load_toml 00 "${graph_toml[@]}"
seed load_toml 01 "$root"/graph/relations/*.toml "$root"/tests/fixtures/mini/relations/*.toml
seed scenario "" "$root"/graph/scenarios/*.toml
d="$root/tests/fixtures/data"
dmg="$root/tests/fixtures/damaged"
seed import_states 00 "$d"/cow-state-system-2016/*.csv "$dmg"/states*.csv
seed import_states 01 "$d"/cow-country-codes/*.csv
seed import_cow 00 "$d"/cow-alliances-v4.1/*member*.csv "$dmg"/cow*member*.csv
seed import_cow 01 "$d"/cow-alliances-v4.1/*dyad*.csv
seed import_atop "" "$d"/atop-5.1/*.csv "$dmg"/atop*.csv
seed import_sipri "" "$d"/sipri-arms-transfers/*.csv "$dmg"/sipri*.csv
seed import_esd "" "$d"/ucdp-esd-18.1/*.xlsx
seed import_covariates 00 "$d"/cow-contiguity-3.2/*.csv
seed import_covariates 01 "$d"/cow-major-powers-2016/*.csv
seed import_covariates 02 "$d"/cow-nmc-6.0/*.csv
seed import_covariates 03 "$d"/cow-capitals/*.csv
seed import_covariates 04 "$d"/thompson-dreyer-rivalries/*.csv
for t in corpus/*; do echo "$t: $(ls "$t" | wc -l) seeds"; done
