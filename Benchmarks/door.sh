#!/usr/bin/env bash
# Door benchmarks (run by hand; figures go to Docs/benchmarks.md), on a store of 100 000 tickets,
# with the binary users install (dist/billetterie, built here by Scripts/package):
#  1. one `billetterie validate CODE` and one `validate REFERENCE` as a new process, median of 200
#     runs, each next to the sqlite3 CLI doing the same lookup and insert as a new process;
#     `--version` and /bin/true for the process start; and where a scan's time goes;
#  2. `validate --stream` on 100 000 codes: scans per second (each committed before its
#     answer) and peak memory.
#   Benchmarks/door.sh [TICKETS]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
tickets="${1:-100000}"
source Benchmarks/common.sh
bench_require sqlite3 hyperfine time bc
export BILLETTERIE_NOW=2026-05-01T10:00:00Z
bench_setup
swift build -c release --product billetterie-bench >/dev/null
bench_festival "$tickets"
code=$(head -n 1 "$work/codes.txt")
ticket=$(sed -n 2p "$work/export.csv" | cut -d, -f1)
reference=$(sqlite3 "$BILLETTERIE_DB" "SELECT reference FROM tickets WHERE id = '$ticket'")
# The same work as a scan: find the ticket (by its code, or its reference) with its tier
# and event, record the scan, commit.
for key in code reference; do
  value=$([ $key = code ] && echo "$code" || echo "$reference")
  cat > "$work/baseline-$key.sql" <<SQL
SELECT t.id, t.status, tr.name, e.starts_at FROM tickets t JOIN tiers tr ON tr.id = t.tier_id JOIN events e ON e.id = t.event_id WHERE t.$key = '$value';
INSERT INTO scans (id, ticket_id, gate, result, reason, scanned_at) VALUES ('scn_' || lower(hex(randomblob(8))), '$ticket', 'bench', 'rejected', 'already_used', 0);
SQL
done
# The door runs on the real clock: no rehearsal clock for the timed scans (and a session
# made on the real clock, since the rehearsal one has long expired by then).
printf 'bench-passphrase\n' | env -u BILLETTERIE_NOW "$bin" user login --email bench@example.org --password-stdin >/dev/null
env -u BILLETTERIE_NOW "$bin" validate "$code" --event festival --gate A >/dev/null || [ $? -eq 1 ]
env -u BILLETTERIE_NOW hyperfine -N --warmup 10 --runs 200 --export-json "$work/single.json" \
  -n "sqlite3 lookup + insert" "sqlite3 $BILLETTERIE_DB \".read $work/baseline-code.sql\"" \
  -n "billetterie validate CODE" "$bin validate $code --event festival --gate A" \
  -n "sqlite3 lookup by reference + insert" "sqlite3 $BILLETTERIE_DB \".read $work/baseline-reference.sql\"" \
  -n "billetterie validate REFERENCE" "$bin validate $reference --event festival --gate A" \
  -n "process start (billetterie --version)" "$bin --version" \
  -n "process start (/bin/true)" "/bin/true" -i >/dev/null 2>&1
parts=$("$bin_dir/billetterie-bench" door-parts 200 "$BILLETTERIE_DB" "$code")

tail -n +2 "$work/codes.txt" > "$work/stream.txt"
count=$(wc -l < "$work/stream.txt")
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" validate --stream --event festival --gate B --json < "$work/stream.txt" > "$work/answers.jsonl"
read -r seconds kib < "$work/time.txt"
accepted=$(grep -c '"result":"accepted"' "$work/answers.jsonl" || true)

python3 - "$work/single.json" "$seconds" "$kib" "$count" "$accepted" "$parts" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ms = lambda name: results[name]["median"] * 1000
print("one scan as a new process, dist/billetterie (median of 200):")
for ours, base in [("billetterie validate CODE", "sqlite3 lookup + insert"),
                   ("billetterie validate REFERENCE", "sqlite3 lookup by reference + insert")]:
    print(f"  {base:38} {ms(base):6.2f} ms")
    print(f"  {ours:38} {ms(ours):6.2f} ms   ratio {ms(ours) / ms(base):.2f}x (target: at most 2x)")
print(f"  process start: billetterie --version {ms('process start (billetterie --version)'):6.2f} ms (target 4 ms), "
      f"/bin/true {ms('process start (/bin/true)'):.2f} ms")
print(f"  {sys.argv[6]}")
seconds, kib, count, accepted = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"--stream: {count} codes in {seconds:.2f} s = {count / seconds:.0f} scans/s, each committed before its answer "
      f"({accepted} accepted); peak RSS {kib // 1024} MiB (targets: 5 000/s, under 50 MiB)")
PY
