#!/usr/bin/env bash
# Vouchers under load (issue 17): 8 counter tills (`ticket sell`, new processes) selling at
# once for SECONDS on one SQLite store, first all without vouchers, then half of them with a
# voucher (a discount with a use limit, counted in the selling transaction); then 8 tills
# racing on a 3-use voucher. Prints sales per second of both runs and their ratio, busy
# errors (exit 75), and the oversell checks. Then `event list` with availability on 100 000
# events is Benchmarks/event-list.sh. Run by hand; figures go to Docs/benchmarks.md.
#   Benchmarks/vouchers.sh [SECONDS]      (60 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
seconds="${1:-60}"
bench_setup
export BILLETTERIE_OUTBOX="$work/outbox"
"$bin" event create --title "Counter" --starts-at 2027-08-01T20:00 --venue "Hall" --capacity 1000000 --publish >/dev/null
"$bin" event tier add counter --name Seat --price 20 --quota 900000 >/dev/null
"$bin" event tier add counter --name Last --price 20 >/dev/null
"$bin" voucher create --event counter --code FRIENDS --tier Seat --discount 10% --max-uses 900000 >/dev/null
"$bin" voucher create --event counter --code THREE --tier Last --max-uses 3 >/dev/null

# One till: sells until DEADLINE, one line per attempt "ms status exit".
till() {
  local deadline="$1" log="$2" voucher="$3" start status
  while (( ${EPOCHREALTIME%.*} < deadline )); do
    start=${EPOCHREALTIME/./}
    status=0
    "$bin" ticket sell --event counter --item "${TIER:-Seat}" --method cash ${voucher:+--voucher "$voucher"} >/dev/null 2>&1 || status=$?
    echo "$(( (${EPOCHREALTIME/./} - start) / 1000 )) $status" >> "$log"
    [ "${TIER:-Seat}" = Last ] && [ "$status" -ne 0 ] && return 0
  done
}

run() {
  local label="$1" with="$2" duration="$3"
  rm -f "$work"/till-*.log
  local deadline=$(( $(date +%s) + duration ))
  local begin=$(date +%s%N)
  for i in $(seq 8); do
    local voucher=""
    (( i <= with )) && voucher="${VOUCHER:-FRIENDS}"
    till "$deadline" "$work/till-$i.log" "$voucher" &
  done
  wait
  local elapsed_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  cat "$work"/till-*.log | python3 -c "
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
ok = sorted(int(ms) for ms, status in rows if status == '0')
busy = sum(1 for _, status in rows if status == '75')
other = sum(1 for _, status in rows if status not in ('0', '75'))
def pct(p): return ok[min(len(ok) - 1, int(len(ok) * p))] if ok else 0
elapsed = $elapsed_ms / 1000
print(f'$label: {len(ok)} sales in {elapsed:.1f} s = {len(ok) / elapsed:6.1f} sales/s  p50 {pct(0.5)} ms  p99 {pct(0.99)} ms  busy errors {busy}  refused {other}')
print(len(ok) / elapsed, file=open('$work/rate-$with', 'w'))
"
}

run "8 tills, no vouchers      " 0 "$seconds"
run "8 tills, 4 with a voucher " 4 "$seconds"
python3 -c "
a = float(open('$work/rate-0').read()); b = float(open('$work/rate-4').read())
print(f'with vouchers / without: {a / b:.2f}x slower (target at most 1.3x)')"
"$bin" voucher show FRIENDS --json | python3 -c "
import json, sys
v = json.load(sys.stdin); print(f'FRIENDS uses {v[\"uses\"]} (paid {v[\"paid_uses\"]}) of {v[\"max_uses\"]}')"
TIER=Last VOUCHER=THREE run "8 tills racing on a 3-use voucher" 8 30
"$bin" voucher show THREE --json | python3 -c "
import json, sys
v = json.load(sys.stdin); print(f'THREE used {v[\"uses\"]} times (must be 3)'); sys.exit(0 if v['uses'] == 3 else 1)"
