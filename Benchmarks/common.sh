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

# The standing scans of an event's list main, each ticket's latest first (position 1): the
# window report checkins reads (Storage/Store+Reports.swift), for sqlite3 baselines.
#   bench_latest_standing EVENT-ID
bench_latest_standing() {
  echo "SELECT ticket_id, direction, scanned_at, gate, row_number() OVER (PARTITION BY ticket_id ORDER BY scanned_at DESC, rowid DESC) AS position
FROM scans WHERE event_id = '$1' AND checkin_list = 'main' AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL"
}

# The queries `report checkins` runs on the list main, as sqlite3 runs them (the baseline of
# Benchmarks/reports.sh and Benchmarks/inside.sh).
#   bench_checkins_sql EVENT-ID > FILE
bench_checkins_sql() {
  local latest
  latest=$(bench_latest_standing "$1")
  cat <<SQL
SELECT count(*) FROM tickets t WHERE t.event_id = '$1' AND t.admission = 1 AND t.status IN ('valid', 'used');
WITH RECURSIVE walk(id, steps) AS (
  SELECT DISTINCT ticket_id, 0 FROM scans WHERE event_id = '$1' AND checkin_list = 'main' AND direction = 'entry' AND result = 'accepted' AND undone_at IS NULL AND ticket_id IS NOT NULL
  UNION SELECT t.replaced_by, w.steps + 1 FROM walk w JOIN tickets t ON t.id = w.id WHERE t.replaced_by IS NOT NULL AND w.steps < 100)
SELECT count(DISTINCT t.id) FROM walk w JOIN tickets t ON t.id = w.id WHERE t.replaced_by IS NULL AND t.admission = 1 AND t.status IN ('valid', 'used');
SELECT count(*) FROM ($latest) s JOIN tickets t ON t.id = s.ticket_id WHERE s.position = 1 AND s.direction = 'entry' AND t.admission = 1 AND t.status IN ('valid', 'used');
SELECT count(*) FILTER (WHERE result = 'rejected'), count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit') FROM scans WHERE event_id = '$1' AND checkin_list = 'main';
SELECT gate, count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'entry'), count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit'),
       count(*) FILTER (WHERE result = 'rejected'), count(*) FILTER (WHERE undone_at IS NOT NULL) FROM scans WHERE event_id = '$1' AND checkin_list = 'main' GROUP BY gate ORDER BY gate;
SELECT (scanned_at / 900) * 900 AS q, count(*) FILTER (WHERE direction = 'entry'), count(*) FILTER (WHERE direction = 'exit') FROM scans
WHERE event_id = '$1' AND checkin_list = 'main' AND result = 'accepted' AND undone_at IS NULL GROUP BY q ORDER BY q;
SQL
}
