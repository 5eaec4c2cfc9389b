#!/usr/bin/env bash
# Times whole batch runs, YAML to Markdown and PDF, in fresh processes:
# one report cold; N distinct synthetic reports (in meetings of 10, as a
# council's are); the same N again with nothing changed; and the N in all
# four formats (Markdown, PDF, web page, Word).
#
#   bench/batch.sh [N] [RUNS]      (defaults: 100 reports, 5 runs each)
#
# Prints the median wall time (to the millisecond) and the median peak
# memory, from /usr/bin/time, of each.
set -euo pipefail
reports=${1:-100}
runs=${2:-5}
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo build --release --quiet --example synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/synth 1 "$work/one" 1
target/release/examples/synth "$reports" "$work/many" 10

# Runs a command RUNS times; prints the median wall seconds and peak KiB.
measure() {
  local label=$1 prepare=$2; shift 2
  local walls=() peaks=()
  for _ in $(seq "$runs"); do
    eval "$prepare"
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    wall=$(awk "BEGIN { print ($end - $start) / 1e9 }")
    read -r peak < "$work/time"
    walls+=("$wall"); peaks+=("$peak")
  done
  local wall peak
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  peak=$(printf '%s\n' "${peaks[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-34s median %6.3f s wall, %6.1f MiB peak\n' "$label" "$wall" "$(awk "BEGIN { print $peak / 1024 }")"
}

# Markdown and PDF, the formats whose speed these figures have followed.
bin="target/release/exec-report"
build="$bin build --quiet --format md,pdf"
measure "1 report, cold process" "rm -rf $work/out1" $build --out "$work/out1" "$work/one"
measure "$reports reports, cold" "rm -rf $work/outn" $build --out "$work/outn" "$work/many"
measure "$reports reports, nothing changed" ":" $build --out "$work/outn" "$work/many"
measure "$reports reports, all four formats" "rm -rf $work/outa" \
  $bin build --quiet --format md,pdf,html,docx --out "$work/outa" "$work/many"
