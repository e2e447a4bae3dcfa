#!/usr/bin/env bash
# Benchmarks for selling (run by hand; figures go to Docs/benchmarks.md):
#  1. `billetterie ticket import` of 100 000 rows (a new process, release build), its time and
#     peak memory, next to the raw cost of the same SQLite inserts plus Ed25519 signatures
#     measured in the same run (billetterie-bench raw-import);
#  2. 10 000 ticket QR codes as PNG files in-process, next to the `qrencode` CLI making the
#     same 10 000 files one process each; and PNG rendering in memory, per second.
#   Benchmarks/tickets.sh [ROWS] [QR]      (defaults 100000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"; qrs="${2:-10000}"
source Benchmarks/common.sh
bench_require qrencode time bc
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
swift build -c release --product billetterie-bench >/dev/null
"$bin" event create --title "Big Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --capacity $((rows * 2)) --publish >/dev/null
"$bin" event tier add big-festival --name Pass --price 120 >/dev/null
python3 - "$work/tickets.csv" "$rows" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("external_id,buyer_email,buyer_name,attendee_name\n")
    for i in range(int(sys.argv[2])):
        f.write(f"ext-{i},buyer{i}@example.org,\"Buyer {i}, Jr.\",Guest {i}\n")
PY
echo "CSV: $(du -h "$work/tickets.csv" | cut -f1), $rows rows" >&2

/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" ticket import "$work/tickets.csv" --event big-festival --paid-by cash >/dev/null
read -r import_seconds import_kib < "$work/time.txt"
raw=$("$bin_dir/billetterie-bench" raw-import "$rows" "$work/raw.sqlite3")
raw_seconds=$(echo "$raw" | sed -E 's/.*: ([0-9.]+) s.*/\1/')

mkdir -p "$work/ours" "$work/cli"
ours=$("$bin_dir/billetterie-bench" qr-files "$qrs" "$work/ours")
memory=$("$bin_dir/billetterie-bench" qr-memory "$qrs")
"$bin" ticket export --event big-festival -o "$work/export.csv"
python3 - "$work/export.csv" "$qrs" > "$work/codes.txt" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
for row in rows[: int(sys.argv[2])]:
    print(row["code"])
PY
start=$(date +%s.%N)
i=0
while IFS= read -r code; do
  qrencode -l M -s 8 -o "$work/cli/$i.png" "$code"
  i=$((i + 1))
done < "$work/codes.txt"
cli_seconds=$(echo "$(date +%s.%N) - $start" | bc)
ours_seconds=$(echo "$ours" | sed -E 's/.*: ([0-9.]+) s.*/\1/')

echo "ticket import, $rows rows (orders, tickets, domain events, signatures), one process:"
printf '  billetterie ticket import   %6.2f s   peak RSS %d MiB\n' "$import_seconds" $((import_kib / 1024))
printf '  raw SQLite inserts + Ed25519 %6.2f s   (%s)\n' "$raw_seconds" "$raw"
printf '  ratio                        %6.2fx   (targets: under 10 s, under 50 MiB)\n' "$(echo "$import_seconds / $raw_seconds" | bc -l)"
echo "QR codes, $qrs PNG files:"
printf '  billetterie (in-process)     %6.2f s\n' "$ours_seconds"
printf '  qrencode CLI, one per file   %6.2f s\n' "$cli_seconds"
printf '  speed-up                     %6.2fx   (target: at least 2.5x)\n' "$(echo "$cli_seconds / $ours_seconds" | bc -l)"
echo "  in memory: $memory"
