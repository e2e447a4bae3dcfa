#!/usr/bin/env bash
# Report benchmarks (run by hand; figures go to Docs/benchmarks.md): a store with N paid
# tickets (imported, one order each) and N door scans, then each report as a new process
# next to two baselines in the same go: the floor (issue 18), the sqlite3 CLI reading every
# row of tickets and scans once (`select sum(length(id))`), and sqlite3 running the report's
# own queries (which hides slow queries, so it is shown but not the target).
# Target: each report under 1 s and at most the floor; peak memory under 50 MiB.
#   Benchmarks/reports.sh [N]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
source Benchmarks/common.sh
bench_require sqlite3 hyperfine time
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
"$bin" event create --title "Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --capacity "$n" --publish >/dev/null
"$bin" event tier add festival --name Pass --price 45 >/dev/null
"$bin" event tier add festival --name Parking --price 5 --addon >/dev/null
event=$(sqlite3 "$BILLETTERIE_DB" "SELECT id FROM events LIMIT 1")
if [ -n "${BENCH_IMPORT:-}" ]; then
  # What the store holds after `ticket import` (11 minutes for a million rows in one transaction).
  python3 -c "
print('external_id,buyer_email,tier')
for i in range($n): print(f'x{i},buyer{i}@example.org,' + ('Parking' if i % 10 == 0 else 'Pass'))
" > "$work/orders.csv"
  echo "Importing $n tickets..." >&2
  "$bin" ticket import "$work/orders.csv" --event festival --paid-by cash >/dev/null
else
  # The same rows written by sqlite3 directly (in seconds): one paid order per ticket, its
  # cash payment, receipt and order.paid event, as the import writes them. Reports read no
  # signatures, so the codes are placeholders of the right length.
  echo "Writing $n paid tickets with sqlite3..." >&2
  pass=$(sqlite3 "$BILLETTERIE_DB" "SELECT id FROM tiers WHERE name = 'Pass'")
  parking=$(sqlite3 "$BILLETTERIE_DB" "SELECT id FROM tiers WHERE name = 'Parking'")
  sqlite3 "$BILLETTERIE_DB" <<SQL
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $n - 1) SELECT i FROM c;
INSERT INTO orders (id, event_id, buyer_email, buyer_name, status, total_minor, paid_minor, refunded_minor, currency, external_id,
                    channel, paid_by, created_at, updated_at)
SELECT printf('ord_b%015d', i), '$event', printf('buyer%d@example.org', i), '', 'paid', CASE WHEN i % 10 = 0 THEN 500 ELSE 4500 END,
       CASE WHEN i % 10 = 0 THEN 500 ELSE 4500 END, 0, 'EUR', printf('x%d', i), 'import', 'cash', 1777629600, 1777629600 FROM n;
INSERT INTO tickets (id, order_id, event_id, tier_id, admission, attendee_name, attendee_email, status, code, created_at, updated_at,
                     reference, search_text, price_minor, sold)
SELECT printf('tkt_b%015d', i), printf('ord_b%015d', i), '$event', CASE WHEN i % 10 = 0 THEN '$parking' ELSE '$pass' END,
       CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END, printf('Guest %d', i), printf('buyer%d@example.org', i), 'valid',
       printf('B%0121d', i), 1777629600, 1777629600, printf('R%09d', i), printf('guest %d buyer%d', i, i),
       CASE WHEN i % 10 = 0 THEN 500 ELSE 4500 END, 1 FROM n;
INSERT INTO payments (id, order_id, method, status, amount_minor, currency, reference, created_at, event_id)
SELECT printf('pay_b%015d', i), printf('ord_b%015d', i), 'cash', 'succeeded', CASE WHEN i % 10 = 0 THEN 500 ELSE 4500 END, 'EUR',
       printf('import x%d', i), 1777629600, '$event' FROM n;
INSERT INTO receipts (number, order_id, issued_at) SELECT i + 1, printf('ord_b%015d', i), 1777629600 FROM n;
INSERT INTO domain_events (type, subject_id, actor_id, data, occurred_at)
SELECT 'order.paid', printf('ord_b%015d', i), NULL,
       '{"amount_minor":"' || CASE WHEN i % 10 = 0 THEN 500 ELSE 4500 END || '","channel":"import","event":"$event","paid_by":"cash"}', 1777629600 FROM n;
COMMIT;
SQL
fi
echo "Recording $n scans..." >&2
sqlite3 "$BILLETTERIE_DB" <<'SQL'
INSERT INTO scans (id, ticket_id, event_id, gate, result, reason, scanned_at)
SELECT 'scn_' || lower(hex(randomblob(8))), id, event_id, char(65 + abs(random()) % 4),
       CASE WHEN abs(random()) % 20 = 0 THEN 'rejected' ELSE 'accepted' END, 'ok',
       1785578400 - abs(random()) % 10800
FROM tickets;
UPDATE tickets SET status = 'used' WHERE id IN (SELECT ticket_id FROM scans WHERE result = 'accepted');
SQL
# The queries report sales runs (Storage/Store+Reports.swift), as sqlite3 runs them.
cat > "$work/sales.sql" <<SQL
SELECT t.tier_id, count(*), count(*) FILTER (WHERE t.status = 'valid'), count(*) FILTER (WHERE t.status = 'used'),
       count(*) FILTER (WHERE t.status = 'void')
FROM tickets t WHERE t.tier_id IN (SELECT id FROM tiers WHERE event_id = '$event') AND t.sold = 1 GROUP BY t.tier_id;
SELECT v.code, count(t.id), sum(t.price_minor) FROM tickets t JOIN vouchers v ON v.id = t.voucher_id
WHERE t.voucher_id IN (SELECT id FROM vouchers WHERE event_id = '$event') AND t.sold = 1 GROUP BY v.code;
SELECT p.method, sum(p.amount_minor) FROM payments p WHERE p.event_id = '$event' AND p.status = 'succeeded' GROUP BY p.method;
SELECT r.method, sum(r.amount_minor) FROM refunds r WHERE r.event_id = '$event' GROUP BY r.method;
SQL
bench_checkins_sql "$event" > "$work/checkins.sql"
cat > "$work/audit.sql" <<SQL
.mode csv
SELECT d.seq, d.occurred_at, d.type, u.email, d.subject_id, d.data FROM domain_events d LEFT JOIN users u ON u.id = d.actor_id ORDER BY d.seq;
SQL
# BENCH_SKIP_CHECKINS=1 leaves out the check-in reports.
checkins=()
if [ -z "${BENCH_SKIP_CHECKINS:-}" ]; then
  bench_inside_sql "$event" > "$work/inside.sql"
  checkins=(-n "sqlite3 inside" "sh -c 'sqlite3 $BILLETTERIE_DB \".read $work/inside.sql\" > /dev/null'"
    -n "report inside" "sh -c '$bin report checkins --event festival --inside --format csv > /dev/null'"
    -n "sqlite3 checkins" "sqlite3 $BILLETTERIE_DB \".read $work/checkins.sql\""
    -n "report checkins" "$bin report checkins --event festival")
fi
hyperfine -N --warmup 1 --runs 5 --export-json "$work/reports.json" \
  -n "floor" "sqlite3 $BILLETTERIE_DB \"SELECT sum(length(id)) FROM tickets; SELECT sum(length(id)) FROM scans;\"" \
  -n "sqlite3 sales" "sqlite3 $BILLETTERIE_DB \".read $work/sales.sql\"" \
  -n "report sales" "$bin report sales --event festival" \
  "${checkins[@]}" \
  -n "sqlite3 audit" "sh -c 'sqlite3 $BILLETTERIE_DB \".read $work/audit.sql\" > /dev/null'" \
  -n "report audit" "sh -c '$bin report audit --format csv > /dev/null'" >/dev/null 2>&1
/usr/bin/time -f "%M" -o "$work/mem-sales.txt" "$bin" report sales --event festival >/dev/null
/usr/bin/time -f "%M" -o "$work/mem-audit.txt" "$bin" report audit --format csv >/dev/null
if [ -z "${BENCH_SKIP_CHECKINS:-}" ]; then
  /usr/bin/time -f "%M" -o "$work/mem-checkins.txt" "$bin" report checkins --event festival >/dev/null
  /usr/bin/time -f "%M" -o "$work/mem-inside.txt" "$bin" report checkins --event festival --inside --format csv >/dev/null
fi
python3 - "$work" "$n" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
r = {x["command"]: x["median"] for x in json.load(open(f"{work}/reports.json"))["results"]}
floor = r["floor"]
print(f"store: {n} tickets, {n} scans; median of 5, each a new process")
print(f"  floor: sqlite3 reading every ticket and scan once: {floor:.3f} s")
for name in ("sales", "checkins", "inside", "audit"):
    if f"report {name}" not in r: continue
    ours = r[f"report {name}"]
    base = r.get(f"sqlite3 {name}")
    mem = int(open(f"{work}/mem-{name}.txt").read()) // 1024
    same = f"   sqlite3 same queries {base:6.3f} s" if base else ""
    print(f"  report {name:9s} {ours:7.3f} s   {ours / floor:5.2f}x the floor (target 1x, under 1 s){same}   peak RSS {mem} MiB (target 50)")
PY
