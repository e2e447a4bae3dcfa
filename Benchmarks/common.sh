# Shared set-up for the benchmark scripts (sourced, not run): a release build with the
# static Swift runtime, a throw-away folder, and a store with its admin logged in.
#   bench_setup            sets $bin (the billetterie binary), $bin_dir and $work
bench_setup() {
  echo "Building release..." >&2
  swift build -c release --static-swift-stdlib --product billetterie >/dev/null
  bin_dir="$(swift build -c release --show-bin-path)"
  bin="$bin_dir/billetterie"
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
