#!/usr/bin/env bash
# Gate pack benchmarks (run by hand; figures go to Docs/benchmarks.md), on an event of 100 000
# tickets, with the binary users install (dist/billetterie, built here by Scripts/package):
#  1. `validate pack`: time and size of the signed pack;
#  2. a delta of 1 000 changes (500 refunds, 500 new sales): time and size of
#     `validate pack --update`, and of `validate --pack FILE --apply DELTA` (median of 20,
#     each on a fresh copy of the pack);
#  3. one `validate --pack FILE CODE` as a new process (median of 200) next to the same scan
#     against the store (`validate CODE --event E`);
#  4. `validate merge` of four packs of 25 000 scans each, in scans per second, next to a
#     plain SQLite insert of the same rows (sqlite3 CLI, INSERT ... SELECT from the packs)
#     (target: at most 3x).
#   Benchmarks/packs.sh [TICKETS]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
tickets="${1:-100000}"
source Benchmarks/common.sh
bench_require sqlite3 hyperfine time bc
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
bench_festival "$tickets"

# 1. The pack.
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" validate pack --event festival -o "$work/gate.pack" >/dev/null
read -r pack_seconds pack_kib < "$work/time.txt"
pack_bytes=$(stat -c %s "$work/gate.pack")

# 2. 1 000 changes, then the delta.
echo "Making 1 000 changes (500 refunds, 500 sales)..." >&2
sqlite3 "$BILLETTERIE_DB" "SELECT DISTINCT order_id FROM tickets ORDER BY rowid LIMIT 500" > "$work/refund.txt"
while read -r order; do "$bin" refund "$order" --reason bench >/dev/null; done < "$work/refund.txt"
python3 -c "
print('external_id,buyer_email,attendee_name')
for i in range(500): print(f'late{i},late{i}@example.org,Late {i}')
" > "$work/late.csv"
"$bin" ticket import "$work/late.csv" --event festival --paid-by cash >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" validate pack --update "$work/gate.pack" -o "$work/gate.delta" --json > "$work/delta.json"
read -r delta_seconds delta_kib < "$work/time.txt"
delta_bytes=$(stat -c %s "$work/gate.delta")
delta_rows=$(python3 -c "import json; print(json.load(open('$work/delta.json'))['tickets'])")
env -u BILLETTERIE_NOW hyperfine -N --warmup 2 --runs 20 --export-json "$work/apply.json" \
  --prepare "cp $work/gate.pack $work/apply.pack" \
  -n "apply" "$bin validate --pack $work/apply.pack --apply $work/gate.delta" >/dev/null 2>&1

# 3. One scan from the pack, and the same against the store.
cp "$work/gate.pack" "$work/scan.pack"
"$bin" validate --pack "$work/scan.pack" --apply "$work/gate.delta" >/dev/null
code=$(sed -n 1000p "$work/codes.txt")
printf 'bench-passphrase\n' | env -u BILLETTERIE_NOW "$bin" user login --email bench@example.org --password-stdin >/dev/null
env -u BILLETTERIE_NOW "$bin" validate "$code" --event festival --gate A >/dev/null || [ $? -eq 1 ]
"$bin" validate --pack "$work/scan.pack" "$code" --gate A >/dev/null || [ $? -eq 1 ]
env -u BILLETTERIE_NOW hyperfine -N --warmup 10 --runs 200 --export-json "$work/scan.json" \
  -n "store" "$bin validate $code --event festival --gate A" \
  -n "pack" "$bin validate --pack $work/scan.pack $code --gate A" -i >/dev/null 2>&1

# 4. Four gates scan 25 000 each, then one merge, next to sqlite3 inserting the same rows.
echo "Scanning 4 x $((tickets / 4)) codes at four offline gates..." >&2
sqlite3 "$BILLETTERIE_DB" ".backup $work/before-merge.sqlite3"
for gate in 1 2 3 4; do
  "$bin" validate pack --event festival -o "$work/gate$gate.pack" >/dev/null
  sed -n "$(( (gate - 1) * tickets / 4 + 1 )),$(( gate * tickets / 4 ))p" "$work/codes.txt" \
    | "$bin" validate --pack "$work/gate$gate.pack" --stream --gate "G$gate" --json >/dev/null
done
scans=$(for gate in 1 2 3 4; do sqlite3 "$work/gate$gate.pack" "SELECT count(*) FROM scans"; done | paste -sd+ | bc)
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" validate merge "$work"/gate[1-4].pack --json > "$work/merge.json"
read -r merge_seconds merge_kib < "$work/time.txt"
cat > "$work/plain.sql" <<SQL
BEGIN;
$(for gate in 1 2 3 4; do echo "ATTACH '$work/gate$gate.pack' AS p$gate;
INSERT INTO scans (id, ticket_id, event_id, gate, result, reason, scanned, scanned_at, source, pack_scan_id)
  SELECT 'scn_' || lower(hex(randomblob(8))), ticket_id, (SELECT value FROM p$gate.meta WHERE key = 'event_id'), gate, result, reason, scanned,
         scanned_at, 'pack', 'plain$gate:' || id FROM p$gate.scans;"; done)
COMMIT;
SQL
cp "$work/before-merge.sqlite3" "$work/plain.sqlite3"
/usr/bin/time -f "%e" -o "$work/time.txt" sqlite3 "$work/plain.sqlite3" ".read $work/plain.sql"
read -r plain_seconds < "$work/time.txt"

python3 - "$work" "$pack_seconds" "$pack_bytes" "$pack_kib" "$delta_seconds" "$delta_bytes" "$delta_rows" "$scans" "$merge_seconds" \
  "$merge_kib" "$plain_seconds" "$tickets" <<'PY'
import json, sys
work = sys.argv[1]
pack_s, pack_b, pack_kib, delta_s, delta_b, delta_rows, scans, merge_s, merge_kib, plain_s, tickets = \
    float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), \
    int(sys.argv[8]), float(sys.argv[9]), int(sys.argv[10]), float(sys.argv[11]), int(sys.argv[12])
apply = json.load(open(f"{work}/apply.json"))["results"][0]["median"] * 1000
scan = {r["command"]: r["median"] * 1000 for r in json.load(open(f"{work}/scan.json"))["results"]}
merged = json.load(open(f"{work}/merge.json"))
print(f"validate pack, {tickets} tickets: {pack_s:.2f} s, {pack_b / 1e6:.1f} MB ({pack_b / tickets:.0f} bytes a ticket), peak RSS {pack_kib // 1024} MiB")
print(f"delta of {delta_rows} changed tickets: made in {delta_s:.2f} s, {delta_b / 1e3:.0f} kB ({delta_b / max(delta_rows, 1):.0f} bytes a change); "
      f"applied in {apply:.1f} ms (median of 20)")
print(f"one scan as a new process (median of 200): from the pack {scan['pack']:.2f} ms, against the store {scan['store']:.2f} ms "
      f"(ratio {scan['pack'] / scan['store']:.2f}x)")
print(f"merge of 4 packs, {scans} scans ({merged['imported']} imported, {len(merged['refused'])} refused): {merge_s:.2f} s = "
      f"{scans / merge_s:.0f} scans/s, peak RSS {merge_kib // 1024} MiB; plain sqlite3 insert of the same rows {plain_s:.2f} s = "
      f"{scans / plain_s:.0f} rows/s; ratio {merge_s / plain_s:.2f}x (target: at most 3x)")
PY
