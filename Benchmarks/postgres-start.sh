#!/usr/bin/env bash
# What a PostgreSQL client costs a command-line program that starts per scan (issue 15's
# choice of client; figures go to Docs/benchmarks.md and Docs/storage.md). Each contender is
# a new process doing one connection, one SELECT by key, one INSERT, and closing:
#   sqlite3 CLI on a SQLite file (the baseline), a C program on libpq, and a Swift program on
#   vapor/postgres-nio 1.33.2 (release build), against a throw-away server
#   (Scripts/postgres-test-server, Unix socket, fsync off), median of 300.
#   Benchmarks/postgres-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
bench_require hyperfine sqlite3 libpq-dev postgresql gcc
work="$(mktemp -d)"
server="$(Scripts/postgres-test-server start)"
trap 'Scripts/postgres-test-server stop "$server"; rm -rf "$work"' EXIT
url="postgresql:///bench?host=$server&user=postgres"
psql "$(cat "$server/url")" -qc "CREATE DATABASE bench"
psql "$url" -qc "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'x'); CREATE TABLE s (id serial PRIMARY KEY, at timestamptz);"
sqlite3 "$work/b.sqlite3" "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1,'x'); CREATE TABLE s (id INTEGER PRIMARY KEY, at INTEGER);" >/dev/null
printf "SELECT id FROM t WHERE id = 1;\nINSERT INTO s (at) VALUES (strftime('%%s','now'));\n" > "$work/b.sql"
cc -O2 -o "$work/libpq-scan" Benchmarks/postgres-start/libpq-scan.c -I/usr/include/postgresql -lpq
echo "Building the postgres-nio contender (release; a few minutes the first time)..." >&2
cp -r Benchmarks/postgres-start/nio "$work/nio"
(cd "$work/nio" && swift build -c release >/dev/null 2>&1)
hyperfine -N --warmup 20 --runs 300 --export-json "$work/r.json" \
  -n sqlite3 "sqlite3 $work/b.sqlite3 '.read $work/b.sql'" \
  -n libpq "$work/libpq-scan $url" \
  -n postgres-nio "$work/nio/.build/release/pgnio $server/.s.PGSQL.5432" \
  -n /bin/true "/bin/true" >/dev/null 2>&1
python3 - "$work/r.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
for name in ["sqlite3", "libpq", "postgres-nio", "/bin/true"]:
    print(f"{name:13} {r[name]:6.2f} ms   {r[name] / r['sqlite3']:.2f}x sqlite3")
PY
