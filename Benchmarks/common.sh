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

# Installs Debian packages the benchmarks need and CI does not.
bench_require() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || apt-get install -y -qq "$package" >/dev/null
  done
}
