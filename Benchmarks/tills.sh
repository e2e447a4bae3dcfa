#!/usr/bin/env bash
# Several tills selling at once (issue 15): 1, 2 and 4 tills on one store, each a loop of
# `ticket sell --method cash` as a new process per sale (TILL=reserve: `ticket reserve` +
# `pay --method cash`, two processes, as before counter sales existed),
# for SECONDS each, on PostgreSQL (a throw-away server, fsync on: durable commits, as
# SQLite's synchronous = FULL) and on a SQLite file; then 4 tills racing for the last 100
# places of a tier. Prints sales per second, each sale's p50/p99, and the oversell check.
# Also prints how busy the machine's cores were during each run (from /proc/stat): tills,
# server and backends share this machine's cores, where real tills are machines of their own.
#   Benchmarks/tills.sh [SECONDS]      (60 by default; figures go to Docs/benchmarks.md)
#   ENGINES=postgres Benchmarks/tills.sh 20   one engine only
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
seconds="${1:-60}"
bench_setup
server="$(POSTGRES_FSYNC=on Scripts/postgres-test-server start)"
trap 'Scripts/postgres-test-server stop "$server"; rm -rf "$work"' EXIT

# A store on ENGINE with an event of capacity 1 000 000 and a tier "Last" of 100 places.
make_store() {
  local engine="$1"
  if [ "$engine" = postgres ]; then
    psql -q "$(cat "$server/url")" -c "DROP DATABASE IF EXISTS tills WITH (FORCE)" -c "CREATE DATABASE tills"
    export BILLETTERIE_DB="postgresql:///tills?host=$server&user=postgres"
  else
    rm -f "$work"/tills.sqlite3*
    export BILLETTERIE_DB="$work/tills.sqlite3"
  fi
  export BILLETTERIE_OUTBOX="$work/outbox"
  printf 'bench-passphrase\n' | "$bin" init --admin-email bench@example.org --admin-password-stdin --timezone Europe/Paris >/dev/null
  printf 'bench-passphrase\n' | "$bin" user login --email bench@example.org --password-stdin >/dev/null
  "$bin" event create --title "Tills" --starts-at 2027-08-01T20:00 --venue "Hall" --capacity 1000000 --publish >/dev/null
  "$bin" event tier add tills --name Seat --price 20 >/dev/null
  "$bin" event tier add tills --name Last --price 20 --quota 100 >/dev/null
}

# One till: sells TIER until DEADLINE (epoch seconds), one line per sale "ms status". Only
# bash between the two commands (a till script's cost, not ours: python3 alone starts in
# about 100 ms here, more than a sale).
till() {
  local tier="$1" deadline="$2" log="$3" start order out sold
  while (( ${EPOCHREALTIME%.*} < deadline )); do
    start=${EPOCHREALTIME/./}
    sold=0
    if [ "${TILL:-sell}" = sell ]; then
      "$bin" ticket sell --event tills --item "$tier" --method cash --amount 20 --buyer "till@example.org" >/dev/null 2>&1 && sold=1
    else
      out=$("$bin" ticket reserve --event tills --tier "$tier" --buyer "till@example.org" --json 2>/dev/null) \
        && [[ $out =~ (ord_[a-z0-9]{16}) ]] && order=${BASH_REMATCH[1]} \
        && "$bin" pay "$order" --method cash --amount 20 >/dev/null 2>&1 && sold=1
    fi
    if (( sold )); then
      echo "$(( (${EPOCHREALTIME/./} - start) / 1000 )) sold" >> "$log"
    else
      echo "$(( (${EPOCHREALTIME/./} - start) / 1000 )) refused" >> "$log"
      [ "$tier" = Last ] && return 0
    fi
  done
}

# Busy and total jiffies of all cores so far.
cpu_jiffies() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }

run() {
  local engine="$1" tills="$2" tier="$3" duration="$4"
  rm -f "$work"/till-*.log
  local cpu_before; cpu_before=$(cpu_jiffies)
  local deadline=$(( $(date +%s) + duration ))
  local begin=$(date +%s%N)
  for i in $(seq "$tills"); do till "$tier" "$deadline" "$work/till-$i.log" & done
  wait
  local elapsed_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  local cpu_after; cpu_after=$(cpu_jiffies)
  local busy=$(( (${cpu_after% *} - ${cpu_before% *}) * 100 / (${cpu_after#* } - ${cpu_before#* }) ))
  local sold
  sold=$("$bin" report sales --event tills --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
print(sum(t['sold'] for t in r['events'][0]['tiers'] if t['tier'] == '$tier'))")
  cat "$work"/till-*.log | python3 -c "
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
sold = sorted(int(ms) for ms, status in rows if status == 'sold')
refused = sum(1 for _, status in rows if status == 'refused')
def pct(p): return sold[min(len(sold) - 1, int(len(sold) * p))] if sold else 0
elapsed = $elapsed_ms / 1000
print(f'$engine  {$tills} till(s)  $tier: {len(sold)} sales in {elapsed:.1f} s = {len(sold) / elapsed:6.1f} sales/s   '
      f'p50 {pct(0.5)} ms  p99 {pct(0.99)} ms   refused {refused}   tickets sold in the store: $sold   cores busy $busy%')
if '$tier' == 'Last' and $sold > 100: print('OVERSOLD')
"
}

for engine in ${ENGINES:-postgres sqlite}; do
  make_store "$engine"
  for tills in 1 2 4; do run "$engine" "$tills" Seat "$seconds"; done
  run "$engine" 4 Last 600
done

# One door scan as a new process on each engine.
for engine in ${ENGINES:-sqlite postgres}; do
  make_store "$engine"
  order=$("$bin" ticket reserve --event tills --tier Seat --buyer door@example.org --quantity 2 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  "$bin" pay "$order" --method cash --amount 40 >/dev/null
  code=$("$bin" ticket show "$order" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["tickets"][0]["code"])')
  hyperfine -N --warmup 10 --runs 200 --export-json "$work/door-$engine.json" \
    "$bin validate $code --event tills --gate A" -i >/dev/null 2>&1
  python3 -c "
import json
r = json.load(open('$work/door-$engine.json'))['results'][0]
print(f'validate CODE on $engine: median {r[\"median\"] * 1000:.2f} ms')"
done
