#!/usr/bin/env bash
# Printing benchmark (run by hand; figures go to Docs/benchmarks.md): `ticket pdf` of one
# order of N tickets (one page each: text laid out by pango, the QR drawn as vectors by
# cairo), as pages per second. Baseline in the same go: the qrencode CLI writing the same
# N codes as SVG files, one process each (the QR part alone, as a shell script would).
#   Benchmarks/pdf.sh [TICKETS]      (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
tickets="${1:-1000}"
source Benchmarks/common.sh
bench_require time bc qrencode poppler-utils
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
"$bin" event create --title "Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --address "Route des champs" --publish >/dev/null
"$bin" event tier add festival --name Pass --price 45 >/dev/null
printf 'external_id,buyer_email,buyer_name,quantity,attendee_name\nbig,group@example.org,Zoé Group,%d,Ελένη Дмитрий Zoé\n' "$tickets" > "$work/order.csv"
"$bin" ticket import "$work/order.csv" --event festival --paid-by cash >/dev/null
order=$("$bin" ticket list --event festival --limit 1 --json | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['order_id'])")
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" ticket pdf "$order" -o "$work/tickets.pdf" >/dev/null
read -r seconds kib < "$work/time.txt"
pages=$(pdfinfo "$work/tickets.pdf" | sed -n 's/^Pages: *//p')
size=$(du -k "$work/tickets.pdf" | cut -f1)
"$bin" ticket export --event festival --format csv | python3 -c "
import csv, sys
for row in csv.DictReader(sys.stdin): print(row['code'])
" > "$work/codes.txt"
start=$(date +%s.%N)
while read -r code; do qrencode -t SVG -o "$work/q.svg" "$code"; done < "$work/codes.txt"
qr_seconds=$(echo "$(date +%s.%N) - $start" | bc)
printf 'ticket pdf: %d pages in %.2f s = %.0f pages/s; %d KiB (%.1f KiB a page); peak RSS %d MiB\n' \
  "$pages" "$seconds" "$(echo "$pages / $seconds" | bc -l)" "$size" "$(echo "$size / $pages" | bc -l)" "$((kib / 1024))"
printf 'baseline: qrencode CLI, %d SVGs alone: %.2f s (ticket pdf, whole pages: %.2fx its time)\n' \
  "$tickets" "$qr_seconds" "$(echo "$seconds / $qr_seconds" | bc -l)"
