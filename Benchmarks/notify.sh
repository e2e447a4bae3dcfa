#!/usr/bin/env bash
# Notification benchmark (run by hand; figures go to Docs/benchmarks.md): `notify run`
# writing N order confirmations (each with its ticket's QR image and a calendar entry)
# into the outbox, from a store where N paid orders were just imported. Target: 10 000
# in under 15 s. Baseline in the same go: the qrencode CLI making the same number of PNGs.
# Then the same with `notify settings --attach-pdf on` (each confirmation also carries its
# ticket as a PDF): target 10 000 in under 30 s (issue 18).
#   Benchmarks/notify.sh [ORDERS]      (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
orders="${1:-10000}"
source Benchmarks/common.sh
bench_require time bc qrencode
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
"$bin" event create --title "Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --address "Route des champs" --publish >/dev/null
"$bin" event tier add festival --name Pass --price 45 >/dev/null
python3 -c "
print('external_id,buyer_email,buyer_name')
for i in range($orders): print(f'x{i},buyer{i}@example.org,Zoé Buyer {i}')
" > "$work/orders.csv"
echo "Importing $orders paid orders..." >&2
"$bin" ticket import "$work/orders.csv" --event festival --paid-by cash >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" notify run --json > "$work/run.json"
read -r seconds kib < "$work/time.txt"
written=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['written'])" "$work/run.json")
bytes=$(du -sb "$work/outbox/new" | cut -f1)
# The same number of QR PNGs by the qrencode CLI, one process each (what a shell script would do).
start=$(date +%s.%N)
for i in $(seq 1 "$orders"); do qrencode -o "$work/q.png" "B0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"; done
qr_seconds=$(echo "$(date +%s.%N) - $start" | bc)
printf 'notify run: %d messages in %.2f s = %.0f messages/s; peak RSS %d MiB; %d MiB written (target: 10 000 in under 15 s)\n' \
  "$written" "$seconds" "$(echo "$written / $seconds" | bc -l)" "$((kib / 1024))" "$((bytes / 1048576))"
printf 'baseline: qrencode CLI, %d PNGs alone: %.2f s (notify run, whole messages: %.2fx its time)\n' \
  "$orders" "$qr_seconds" "$(echo "$seconds / $qr_seconds" | bc -l)"

# The same with each confirmation's ticket as a PDF too.
"$bin" event create --title "Festival PDF" --starts-at 2026-08-02T12:00 --venue "Fields" --address "Route des champs" --publish >/dev/null
"$bin" event tier add festival-pdf --name Pass --price 45 >/dev/null
sed 's/^x/p/' "$work/orders.csv" > "$work/orders-pdf.csv"
"$bin" ticket import "$work/orders-pdf.csv" --event festival-pdf --paid-by cash >/dev/null
"$bin" notify settings --attach-pdf on >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time-pdf.txt" "$bin" notify run --json > "$work/run-pdf.json"
read -r pdf_seconds pdf_kib < "$work/time-pdf.txt"
pdf_written=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['written'])" "$work/run-pdf.json")
printf 'notify run with PDF tickets: %d messages in %.2f s = %.0f messages/s; peak RSS %d MiB (target: 10 000 in under 30 s; %.2fx the run without PDFs)\n' \
  "$pdf_written" "$pdf_seconds" "$(echo "$pdf_written / $pdf_seconds" | bc -l)" "$((pdf_kib / 1024))" "$(echo "$pdf_seconds / $seconds" | bc -l)"
