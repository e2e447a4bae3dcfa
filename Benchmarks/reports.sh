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
python3 -c "
print('external_id,buyer_email,tier')
for i in range($n): print(f'x{i},buyer{i}@example.org,' + ('Parking' if i % 10 == 0 else 'Pass'))
" > "$work/orders.csv"
echo "Importing $n tickets..." >&2
"$bin" ticket import "$work/orders.csv" --event festival --paid-by cash >/dev/null
echo "Recording $n scans..." >&2
sqlite3 "$BILLETTERIE_DB" <<'SQL'
INSERT INTO scans (id, ticket_id, event_id, gate, result, reason, scanned_at)
SELECT 'scn_' || lower(hex(randomblob(8))), id, event_id, char(65 + abs(random()) % 4),
       CASE WHEN abs(random()) % 20 = 0 THEN 'rejected' ELSE 'accepted' END, 'ok',
       1785578400 - abs(random()) % 10800
FROM tickets;
UPDATE tickets SET status = 'used' WHERE id IN (SELECT ticket_id FROM scans WHERE result = 'accepted');
SQL
event=$(sqlite3 "$BILLETTERIE_DB" "SELECT id FROM events LIMIT 1")
cat > "$work/sales.sql" <<SQL
SELECT tr.name, tr.addon, tr.price_minor, count(t.id), count(t.id) FILTER (WHERE t.status = 'valid'),
       count(t.id) FILTER (WHERE t.status = 'used'), count(t.id) FILTER (WHERE t.status = 'void')
FROM tiers tr LEFT JOIN tickets t ON t.tier_id = tr.id AND EXISTS (SELECT 1 FROM receipts r WHERE r.order_id = t.order_id)
WHERE tr.event_id = '$event' GROUP BY tr.id;
SELECT p.method, sum(p.amount_minor) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.event_id = '$event' AND p.status = 'succeeded' GROUP BY p.method;
SELECT r.method, sum(r.amount_minor) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.event_id = '$event' GROUP BY r.method;
SQL
bench_checkins_sql "$event" > "$work/checkins.sql"
cat > "$work/audit.sql" <<SQL
.mode csv
SELECT d.seq, d.occurred_at, d.type, u.email, d.subject_id, d.data FROM domain_events d LEFT JOIN users u ON u.id = d.actor_id ORDER BY d.seq;
SQL
hyperfine -N --warmup 1 --runs 5 --export-json "$work/reports.json" \
  -n "floor" "sqlite3 $BILLETTERIE_DB \"SELECT sum(length(id)) FROM tickets; SELECT sum(length(id)) FROM scans;\"" \
  -n "report inside" "sh -c '$bin report checkins --event festival --inside --format csv > /dev/null'" \
  -n "sqlite3 sales" "sqlite3 $BILLETTERIE_DB \".read $work/sales.sql\"" \
  -n "report sales" "$bin report sales --event festival" \
  -n "sqlite3 checkins" "sqlite3 $BILLETTERIE_DB \".read $work/checkins.sql\"" \
  -n "report checkins" "$bin report checkins --event festival" \
  -n "sqlite3 audit" "sh -c 'sqlite3 $BILLETTERIE_DB \".read $work/audit.sql\" > /dev/null'" \
  -n "report audit" "sh -c '$bin report audit --format csv > /dev/null'" >/dev/null 2>&1
for report in sales checkins; do
  /usr/bin/time -f "%M" -o "$work/mem-$report.txt" "$bin" report "$report" --event festival >/dev/null
done
/usr/bin/time -f "%M" -o "$work/mem-audit.txt" "$bin" report audit --format csv >/dev/null
/usr/bin/time -f "%M" -o "$work/mem-inside.txt" "$bin" report checkins --event festival --inside --format csv >/dev/null
python3 - "$work" "$n" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
r = {x["command"]: x["median"] for x in json.load(open(f"{work}/reports.json"))["results"]}
floor = r["floor"]
print(f"store: {n} tickets, {n} scans; median of 5, each a new process")
print(f"  floor: sqlite3 reading every ticket and scan once: {floor:.3f} s")
for name in ("sales", "checkins", "inside", "audit"):
    ours = r[f"report {name}"]
    base = r.get(f"sqlite3 {name}")
    mem = int(open(f"{work}/mem-{name}.txt").read()) // 1024
    same = f"   sqlite3 same queries {base:6.3f} s" if base else ""
    print(f"  report {name:9s} {ours:7.3f} s   {ours / floor:5.2f}x the floor (target 1x, under 1 s){same}   peak RSS {mem} MiB (target 50)")
PY
