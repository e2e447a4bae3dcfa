#!/usr/bin/env bash
# Benchmark: `billetterie event cancel` on an event with 10 000 paid tickets (each order
# refunded in full, each ticket voided, a domain event per step, one transaction). Prints the
# time and peak memory of the cancelling process. Run by hand; figures in Docs/benchmarks.md.
#   Benchmarks/cancel.sh [TICKETS]     (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
tickets="${1:-10000}"
source Benchmarks/common.sh
bench_require time
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
"$bin" event create --title "Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --publish >/dev/null
"$bin" event tier add festival --name Pass --price 45 >/dev/null
python3 -c "
import sys
print('external_id,buyer_email,quantity')
for i in range($tickets // 2): print(f'x{i},buyer{i}@example.org,2')
" > "$work/orders.csv"
"$bin" ticket import "$work/orders.csv" --event festival --paid-by cash >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" event cancel festival --reason "Storm warning" --json > "$work/cancel.json"
read -r seconds kib < "$work/time.txt"
python3 - "$work/cancel.json" "$seconds" "$kib" <<'PY'
import json, sys
cascade = json.load(open(sys.argv[1]))["cascade"]
print(f"event cancel: {cascade['tickets_voided']} tickets voided, {cascade['orders_refunded']} orders refunded "
      f"({cascade['refunded_minor'] / 100:.2f} EUR) in {float(sys.argv[2]):.2f} s, peak RSS {int(sys.argv[3]) // 1024} MiB")
PY
