#!/usr/bin/env bash
# `casus path israel armenia` on the built-in graph, process start to exit,
# measured with hyperfine (apt-get install hyperfine, or cargo install
# hyperfine). Compared with the same query on the same graph read from
# graph/ on disk (parsed and checked, as every command did before the
# built-in graph was prebuilt) and with `casus --version` (the floor:
# process start, argument parsing, exit).
#   bench/startup.sh                  # 300 runs each
#   bench/startup.sh --static         # also a statically linked build (glibc
#                                     # crt-static: no dynamic loader at start)
#   bench/startup.sh --export-markdown startup.md
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || {
  echo "bench/startup.sh needs hyperfine: apt-get install hyperfine (or cargo install hyperfine)" >&2
  exit 2
}
cargo build --release --quiet --bin casus
extra=()
if [ "${1:-}" = "--static" ]; then
  shift
  # The host triple given explicitly, so that the flag reaches the binary
  # and not the build scripts and proc macros (which cannot be static).
  host="$(rustc -vV | sed -n 's/^host: //p')"
  RUSTFLAGS="-C target-feature=+crt-static" \
    cargo build --release --quiet --bin casus --target "$host"
  extra=("target/$host/release/casus path israel armenia"
         "target/$host/release/casus --version")
fi
exec hyperfine -N --warmup 20 --runs 300 \
  'target/release/casus path israel armenia' \
  'target/release/casus --graph graph path israel armenia' \
  'target/release/casus --version' "${extra[@]}" "$@"
