# Shared set-up for the benchmark scripts (sourced, not run): the binary users install
# (dist/billetterie, built by Scripts/package: release, static Swift runtime, stripped), a
# throw-away folder, and a store with its admin logged in.
#   bench_setup            sets $bin (dist/billetterie), $bin_dir (release products) and $work
#   (BENCH_PACKAGE_FLAGS=--no-pie Benchmarks/door.sh: the same figures without PIE)
bench_setup() {
  # BENCH_PACKAGE_FLAGS=--no-pie measures the binary linked without PIE.
  echo "Building the package (Scripts/package ${BENCH_PACKAGE_FLAGS:-})..." >&2
  Scripts/package ${BENCH_PACKAGE_FLAGS:-} >/dev/null 2>&1
  bin_dir="$(swift build -c release --show-bin-path)"
  bin="$PWD/dist/billetterie"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  export BILLETTERIE_DB="$work/store.sqlite3" XDG_CONFIG_HOME="$work/config"
  printf 'bench-passphrase\n' | "$bin" init --admin-email bench@example.org --admin-password-stdin --timezone Europe/Paris >/dev/null
  printf 'bench-passphrase\n' | "$bin" user login --email bench@example.org --password-stdin >/dev/null
}

# An event "festival" with one tier and N paid tickets (attendees named Guest I); their
# export in $work/export.csv and their codes, one per line, in $work/codes.txt.
#   bench_festival N
bench_festival() {
  "$bin" event create --title "Festival" --starts-at 2026-08-01T12:00 --venue "Fields" --publish >/dev/null
  "$bin" event tier add festival --name Pass --price 45 >/dev/null
  python3 -c "
print('external_id,buyer_email,attendee_name')
for i in range($1): print(f'x{i},buyer{i}@example.org,Guest {i}')
" > "$work/orders.csv"
  echo "Importing $1 tickets..." >&2
  "$bin" ticket import "$work/orders.csv" --event festival --paid-by cash >/dev/null
  "$bin" ticket export --event festival -o "$work/export.csv"
  python3 - "$work/export.csv" > "$work/codes.txt" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="")):
    print(row["code"])
PY
}

# Installs Debian packages the benchmarks need and CI does not.
bench_require() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || apt-get install -y -qq "$package" >/dev/null
  done
}

# The queries `report checkins` runs on the list main (Storage/Store+Reports.swift, over
# what migration 13's triggers keep), as sqlite3 runs them (the baseline of
# Benchmarks/reports.sh and Benchmarks/inside.sh).
#   bench_checkins_sql EVENT-ID > FILE
bench_checkins_sql() {
  cat <<SQL
SELECT count(*) FROM tickets t WHERE t.event_id = '$1' AND t.admission = 1 AND t.status IN ('valid', 'used');
SELECT coalesce(sum(k.entered), 0), coalesce(sum(k.inside), 0) FROM checkin_totals k WHERE k.event_id = '$1' AND k.checkin_list = 'main' AND k.admission = 1;
WITH RECURSIVE walk(id, steps) AS (
  SELECT replaced_by, 1 FROM checkin_presence WHERE event_id = '$1' AND checkin_list = 'main' AND entered = 1 AND replaced_by IS NOT NULL
  UNION SELECT t.replaced_by, w.steps + 1 FROM walk w JOIN tickets t ON t.id = w.id WHERE t.replaced_by IS NOT NULL AND w.steps < 100)
SELECT count(DISTINCT t.id) FROM walk w JOIN tickets t ON t.id = w.id WHERE t.replaced_by IS NULL AND t.admission = 1 AND t.status IN ('valid', 'used')
  AND NOT EXISTS (SELECT 1 FROM checkin_presence p WHERE p.ticket_id = t.id AND p.checkin_list = 'main' AND p.entered = 1);
SELECT coalesce(sum(rejected), 0), coalesce(sum(exits), 0) FROM checkin_counts WHERE event_id = '$1' AND checkin_list = 'main';
SELECT gate, sum(entries), sum(exits), sum(rejected), sum(undone) FROM checkin_counts WHERE event_id = '$1' AND checkin_list = 'main' GROUP BY gate ORDER BY gate;
SELECT quarter, sum(entries), sum(exits) FROM checkin_counts WHERE event_id = '$1' AND checkin_list = 'main'
GROUP BY quarter HAVING sum(entries) + sum(exits) > 0 ORDER BY quarter;
SQL
}

# Who is inside on the list main, by name, as `report checkins --inside` reads it.
#   bench_inside_sql EVENT-ID > FILE
bench_inside_sql() {
  cat <<SQL
.mode csv
SELECT k.ticket_id, k.attendee_name, tr.name, k.reference, k.since, k.gate
FROM checkin_presence k JOIN tiers tr ON tr.id = k.tier_id
WHERE k.event_id = '$1' AND k.checkin_list = 'main' AND k.inside = 1 AND k.countable = 1 AND k.admission = 1
ORDER BY k.attendee_name COLLATE NOCASE, k.ticket_id;
SQL
}
