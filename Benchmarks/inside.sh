#!/usr/bin/env bash
# Who is inside (run by hand; figures go to Docs/benchmarks.md): an event of N tickets and
# 3N scans over four gates (every ticket in, four in five out again, most of those back in,
# some doubled, rejections between), then `report checkins` (inside now) and `report
# checkins --inside` (who, by name) as new processes with dist/billetterie, each next to the
# sqlite3 CLI running the same queries as a new process in the same go, and peak memory.
# Target: at most 2x sqlite3, under 50 MiB.
#   Benchmarks/inside.sh [N]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
source Benchmarks/common.sh
bench_require sqlite3 hyperfine time
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
bench_festival "$n"
echo "Recording $((3 * n)) scans..." >&2
sqlite3 "$BILLETTERIE_DB" <<'SQL'
WITH t AS (SELECT id, event_id, row_number() OVER (ORDER BY rowid) AS n FROM tickets),
     m(kind, offset) AS (VALUES ('entry', 0), ('exit', 7200), ('again', 10800), ('double', 1800), ('rejected', 600))
INSERT INTO scans (id, ticket_id, event_id, gate, result, reason, scanned_at, checkin_list, direction)
SELECT 'scn_' || lower(hex(randomblob(8))), t.id, t.event_id, char(65 + (t.n + m.offset) % 4),
       CASE m.kind WHEN 'rejected' THEN 'rejected' ELSE 'accepted' END, CASE m.kind WHEN 'rejected' THEN 'already_used' ELSE 'ok' END,
       1785578400 + m.offset + t.n % 3600, 'main', CASE m.kind WHEN 'exit' THEN 'exit' ELSE 'entry' END
FROM t JOIN m ON m.kind = 'entry' OR (m.kind = 'exit' AND t.n % 5 != 0) OR (m.kind = 'again' AND t.n % 5 != 0 AND t.n % 8 != 0)
     OR (m.kind = 'double' AND t.n % 10 = 0) OR (m.kind = 'rejected' AND t.n % 3 = 0);
UPDATE tickets SET status = 'used';
ANALYZE;
SQL
scans=$(sqlite3 "$BILLETTERIE_DB" "SELECT count(*) FROM scans")
event=$(sqlite3 "$BILLETTERIE_DB" "SELECT id FROM events LIMIT 1")
bench_checkins_sql "$event" > "$work/checkins.sql"
bench_inside_sql "$event" > "$work/inside.sql"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/inside.json" \
  -n "sqlite3 checkins" "sqlite3 $BILLETTERIE_DB \".read $work/checkins.sql\"" \
  -n "report checkins" "$bin report checkins --event festival" \
  -n "sqlite3 inside" "sh -c 'sqlite3 $BILLETTERIE_DB \".read $work/inside.sql\" > /dev/null'" \
  -n "report checkins --inside" "sh -c '$bin report checkins --event festival --inside --format csv > /dev/null'" >/dev/null 2>&1
/usr/bin/time -f "%M" -o "$work/mem-report.txt" "$bin" report checkins --event festival >/dev/null
/usr/bin/time -f "%M" -o "$work/mem-inside.txt" "$bin" report checkins --event festival --inside --format csv >/dev/null
inside=$("$bin" report checkins --event festival --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["inside"], r["admitted"], r["exits"])')
python3 - "$work/inside.json" "$(cat "$work/mem-report.txt")" "$(cat "$work/mem-inside.txt")" "$n" "$scans" "$inside" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ms = lambda name: results[name]["median"] * 1000
inside, admitted, exits = sys.argv[6].split()
print(f"{sys.argv[4]} tickets, {sys.argv[5]} scans: {inside} inside, {admitted} admitted, {exits} exits (median of 10, dist/billetterie)")
for ours, base, mem in [("report checkins", "sqlite3 checkins", sys.argv[2]), ("report checkins --inside", "sqlite3 inside", sys.argv[3])]:
    print(f"  {base:26} {ms(base):8.1f} ms")
    print(f"  {ours:26} {ms(ours):8.1f} ms   ratio {ms(ours) / ms(base):.2f}x (target: at most 2x), peak {int(mem) / 1024:.1f} MiB (target 50)")
PY
