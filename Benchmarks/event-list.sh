#!/usr/bin/env bash
# Benchmark: `billetterie event list --query` (with each event's available places) on a store of 100 000 events, against the
# same query run by the sqlite3 CLI on the same file, both as new processes (process start
# included). Prints medians and their ratio. Run by hand; figures go to Docs/benchmarks.md.
#   Benchmarks/event-list.sh [EVENTS]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-100000}"
source Benchmarks/common.sh
bench_require sqlite3 hyperfine bc
export BILLETTERIE_NOW=2026-01-01T00:00:00Z
bench_setup
echo "Loading $events events..." >&2
start=$(date +%s.%N)
sqlite3 "$BILLETTERIE_DB" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO venues (name, address, created_at) SELECT 'Venue ' || i, i || ' rue de la Paix', 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $events),
words(k, w) AS (VALUES (0,'Jazz'),(1,'Rock'),(2,'Opera'),(3,'Hamlet'),(4,'Ballet'),(5,'Folk'),(6,'Techno'),(7,'Blues'),
                        (8,'Comedy'),(9,'Swing'),(10,'Gospel'),(11,'Tango'),(12,'Salsa'),(13,'Poetry'),(14,'Cinema'),
                        (15,'Circus'),(16,'Magic'),(17,'Choir'),(18,'Piano'),(19,'Violin')),
kinds(k, w) AS (VALUES (0,'Night'),(1,'Festival'),(2,'Matinee'),(3,'Evening'),(4,'Gala'),(5,'Session'),(6,'Showcase'),
                       (7,'Marathon'),(8,'Weekend'),(9,'Premiere'))
INSERT INTO events (id, slug, key, title, description, category, venue_id, organizer_id, status, starts_at, ends_at,
                    timezone, currency, capacity, created_at, updated_at)
SELECT 'evt_bench' || i, 'bench-' || i, 'bench-' || i,
       (SELECT w FROM words WHERE k = i % 20) || ' ' || (SELECT w FROM kinds WHERE k = (i / 20) % 10) || ' ' || i,
       'An evening of ' || lower((SELECT w FROM words WHERE k = (i * 7) % 20)) || ' and friends.',
       CASE i % 4 WHEN 0 THEN 'concert' WHEN 1 THEN 'theatre' WHEN 2 THEN 'conference' ELSE 'festival' END,
       1 + i % 200, (SELECT id FROM users LIMIT 1),
       CASE WHEN i % 10 = 3 THEN 'draft' WHEN i % 50 = 7 THEN 'cancelled' ELSE 'published' END,
       1767225600 + i * 3600, 1767225600 + i * 3600 + 10800, 'Europe/Paris', 'EUR', 500, 0, 0
FROM n;
COMMIT;
ANALYZE;
SQL
echo "  loaded in $(echo "$(date +%s.%N) - $start" | bc) s; file $(du -h "$BILLETTERIE_DB" | cut -f1)" >&2

# The same two statements `event list --query jazz` runs for an anonymous caller: the total,
# then the first page, soonest first.
now=1767225600
where="e.rowid IN (SELECT rowid FROM events_search WHERE events_search MATCH '\"jazz\"*') AND e.status != 'cancelled' AND e.ends_at > $now AND (e.status != 'draft' OR e.organizer_id = '')"
sql="SELECT count(*) FROM events e JOIN venues v ON v.id = e.venue_id WHERE $where;
SELECT e.id, e.slug, e.key, e.title, e.description, e.category, e.organizer_id, e.status, e.starts_at, e.ends_at, e.timezone, e.currency, e.capacity, e.sales_start, e.sales_end, e.cancel_reason, e.created_at, e.waitlist_offer, v.name AS venue_name, v.address AS venue_address,
  (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.admission = 1 AND t.status != 'void' AND (t.hold_expires_at IS NULL OR t.hold_expires_at > $now)) AS taken,
  (SELECT count(*) FROM tiers tr WHERE tr.event_id = e.id) AS tiers,
  (SELECT count(*) FROM vouchers vo WHERE vo.event_id = e.id AND vo.block > 0 AND (vo.valid_until IS NULL OR vo.valid_until > $now)) AS blocks
FROM events e JOIN venues v ON v.id = e.venue_id WHERE $where ORDER BY e.starts_at, e.id LIMIT 50 OFFSET 0;"
# (The baseline asks in one statement what billetterie asks per event of the page: the
# admission places taken, the tiers, and the standing voucher blocks: `available`.)
echo "$sql" > "$work/query.sql"

ours=$("$bin" event list --query jazz --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], len(d["items"]))')
theirs=$(sqlite3 "$BILLETTERIE_DB" ".read $work/query.sql" | python3 -c 'import sys; l=sys.stdin.read().splitlines(); print(l[0], len(l) - 1)')
echo "  matches and first page: billetterie $ours, sqlite3 $theirs" >&2
[ "$ours" = "$theirs" ] || { echo "the two sides disagree" >&2; exit 1; }

hyperfine -N --warmup 5 --runs 200 --export-json "$work/hf.json" \
  -n "sqlite3 CLI" "sqlite3 -json $BILLETTERIE_DB \".read $work/query.sql\"" \
  -n "billetterie event list --query jazz --json" "$bin event list --query jazz --json" >&2

python3 - "$work/hf.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base, ours = results[0], results[1]
print(f"events: 100000-row store; first page of 50 with total")
for r in results:
    print(f"{r['command']:<45} median {r['median']*1000:7.2f} ms   mean {r['mean']*1000:7.2f} ms")
print(f"ratio (billetterie / sqlite3): {ours['median'] / base['median']:.2f}x  (target: at most 3x)")
PY
