#!/usr/bin/env bash
# Times exec-report beside what a council would otherwise use to typeset
# the same reports, in one run on one machine, and prints the ratios.
#
#   bench/peers.sh [RUNS]      (default: 5 runs of each, medians shown)
#
# The work: 100 distinct synthetic reports in 10 meetings of 10. The peers
# typeset exec-report's own Typst sources of those 100 reports (written
# with `--format typ`), as PDF/UA-1 and PDF/A-2a, without packs:
#   - `typst compile`, one process per report, then two at a time
#     (xargs -P2), when `typst` is installed (skipped with a note if not);
#   - the Python typst binding, one process compiling all 100 with one
#     compiler, installed from the Python package registry into a virtual
#     environment under target/ (skipped with a note if that fails).
# The runs of each round are interleaved, so that a busy spell of a shared
# machine falls on all of them alike. Wall and CPU (user + system) seconds
# and peak memory come from /usr/bin/time, wall time to the millisecond
# from the clock around it.
set -euo pipefail
runs=${1:-5}
cd "$(dirname "$0")/.."
root=$PWD
cargo build --release --quiet
cargo build --release --quiet --example synth
bin=$root/target/release/exec-report
# The typesetting the peers are measured against: Markdown and PDF, the
# formats of the peers' work, without the web pages a default build adds.
build="$bin build --quiet --format md,pdf"
synth=$root/target/release/examples/synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$synth" 100 "$work/many" 10
"$synth" 1 "$work/one" 1
"$synth" 1000 "$work/thousand" 10 > /dev/null
# The Typst sources of the reports, each meeting's beside the theme they
# import.
"$bin" build --quiet --format typ --out "$work/typ" "$work/many" > /dev/null
"$bin" build --quiet --format typ --out "$work/typ1" "$work/one" > /dev/null
"$bin" templates export "$work/templates" > /dev/null
for folder in "$work"/typ/*/ "$work"/typ1/*/; do
  cp "$work/templates/theme.typ" "$folder"
done
find "$work/typ" -name '*.typ' ! -name theme.typ | sort > "$work/sources"
one_source=$(find "$work/typ1" -name '*.typ' ! -name theme.typ | head -n 1)

notes=()
typst=$(command -v typst || true)
if [[ -z $typst ]]; then
  notes+=("\`typst\` is not installed: its rows are skipped.")
fi
venv=$root/target/bench-peers/venv
python=""
if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c 'import typst' 2> /dev/null; then
  python=$venv/bin/python
elif python3 -m venv "$venv" > /dev/null 2>&1 && "$venv/bin/pip" install --quiet typst > /dev/null 2>&1; then
  python=$venv/bin/python
else
  notes+=("the Python typst binding could not be installed: its row is skipped.")
fi
cat > "$work/peer.py" << 'EOF'
import os
import sys
import typst

compiler = typst.Compiler(ignore_system_fonts=True)
for line in open(sys.argv[1]):
    source = line.strip()
    compiler.compile(
        input=source,
        root=os.path.dirname(source),
        output=source[:-4] + ".pdf",
        pdf_standards=["ua-1", "a-2a"],
    )
EOF
cat > "$work/one-typst.sh" << EOF
#!/usr/bin/env bash
while read -r source; do
  "$typst" compile --ignore-system-fonts --pdf-standard ua-1,a-2a "\$source"
done < "$work/sources"
EOF
chmod +x "$work/one-typst.sh"

# The rows: a label, a command to prepare each run (untimed), and the
# command to time.
labels=() prepares=() commands=()
row() { labels+=("$1"); prepares+=("$2"); commands+=("$3"); }
row "exec-report, 100 reports and 10 packs" "rm -rf $work/out" "$build --out $work/out $work/many"
if [[ -n $typst ]]; then
  row "\`typst compile\`, one process per report" ":" "$work/one-typst.sh"
  row "\`typst compile\`, two at a time (xargs -P2)" ":" \
    "xargs -P2 -n1 $typst compile --ignore-system-fonts --pdf-standard ua-1,a-2a < $work/sources"
fi
if [[ -n $python ]]; then
  row "Python typst binding, one process, 100 compiles" ":" "$python $work/peer.py $work/sources"
fi
row "exec-report, one report and its pack, cold" "rm -rf $work/out1" "$build --out $work/out1 $work/one"
if [[ -n $typst ]]; then
  row "\`typst compile\` of that report's source" ":" \
    "$typst compile --ignore-system-fonts --pdf-standard ua-1,a-2a $one_source"
fi
row "exec-report, the 100 again, nothing changed" ":" "$build --out $work/out $work/many"
row "exec-report, 1,000 reports and 100 packs" "rm -rf $work/out1000" \
  "$build --out $work/out1000 $work/thousand"

count=${#labels[@]}
declare -A walls cpus peaks
for round in $(seq "$runs"); do
  for ((i = 0; i < count; i++)); do
    eval "${prepares[i]}"
    start=$(date +%s%N)
    if ! eval "/usr/bin/time -f '%U %S %M' -o $work/time ${commands[i]}" > /dev/null 2> "$work/errors"; then
      echo "failed: ${labels[i]}" >&2
      cat "$work/errors" >&2
      exit 1
    fi
    end=$(date +%s%N)
    wall=$(awk "BEGIN { print ($end - $start) / 1e9 }")
    read -r user system peak < "$work/time"
    walls[$i]+="$wall "
    cpus[$i]+="$(awk "BEGIN { print $user + $system }") "
    peaks[$i]+="$peak "
  done
  echo "round $round of $runs done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for ((i = 0; i < count; i++)); do
  wall[i]=$(echo "${walls[$i]}" | median)
  cpu[i]=$(echo "${cpus[$i]}" | median)
  peak[i]=$(echo "${peaks[$i]}" | median)
done
index() { for ((i = 0; i < count; i++)); do [[ ${labels[i]} == "$1"* ]] && echo "$i" && return; done; echo -1; }

ours=$(index "exec-report, 100")
cold=$(index "exec-report, one report")
cold_peer=$(index "\`typst compile\` of that")
thousand=$(index "exec-report, 1,000")
fastest=""
for peer in "\`typst compile\`, one" "\`typst compile\`, two" "Python"; do
  at=$(index "$peer")
  if ((at >= 0)) && { [[ -z $fastest ]] || awk "BEGIN { exit !(${wall[at]} < ${wall[fastest]}) }"; }; then
    fastest=$at
  fi
done
python_row=$(index "Python")

echo
echo "$(nproc) cores, medians of $runs; the ratios are exec-report's over the peer's."
echo
echo "| run | wall | CPU | peak memory | exec-report / this |"
echo "|---|--:|--:|--:|--:|"
for ((i = 0; i < count; i++)); do
  ratio=""
  case ${labels[i]} in
    \`typst\ compile\`\ of*) ratio=$(awk "BEGIN { printf \"%.2f wall\", ${wall[cold]} / ${wall[i]} }") ;;
    \`typst*|Python*) ratio=$(awk "BEGIN { printf \"%.2f wall, %.2f CPU\", ${wall[ours]} / ${wall[i]}, ${cpu[ours]} / ${cpu[i]} }") ;;
  esac
  printf '| %s | %.4f s | %.2f s | %.0f MiB | %s |\n' "${labels[i]}" "${wall[i]}" "${cpu[i]}" \
    "$(awk "BEGIN { print ${peak[i]} / 1024 }")" "$ratio"
done
echo
echo "Goals:"
if [[ -n $fastest ]]; then
  awk "BEGIN { r = ${wall[ours]} / ${wall[fastest]}; printf \"- 100 reports with packs, wall over the fastest peer's: %.2f (goal 0.60 or less)\n\", r }"
fi
if ((python_row >= 0)); then
  awk "BEGIN { r = ${cpu[ours]} / ${cpu[python_row]}; printf \"- 100 reports with packs, CPU over the Python binding's: %.2f (goal 1.15 or less)\n\", r }"
fi
if ((cold_peer >= 0)); then
  awk "BEGIN { r = ${wall[cold]} / ${wall[cold_peer]}; printf \"- one report and its pack, cold, over \`typst compile\`: %.2f (goal 0.80 or less)\n\", r }"
fi
awk "BEGIN { printf \"- 1,000 reports over 100: %.1f times (goal 10.5 or less), peak memory %.0f MiB (goal 100 or less)\n\", ${wall[thousand]} / ${wall[ours]}, ${peak[thousand]} / 1024 }"
for note in "${notes[@]}"; do
  echo "- Note: $note"
done
