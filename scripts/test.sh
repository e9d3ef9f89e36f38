#!/usr/bin/env bash
# Runs every test of the repository on a fresh Debian machine with the .NET SDK and Node:
# installs what is missing (mosquitto, InfluxDB, npm packages), builds, runs the .NET test
# projects and the independent JavaScript cross-checks, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_debian_packages
ensure_npm_packages

echo "== build"
dotnet build IlmEnergy.sln -c Release -nodeReuse:false -v:minimal

results_dir="$(mktemp -d)"
trap 'rm -rf "$results_dir"' EXIT

passed=0; failed=0; skipped=0; status=0

echo "== .NET tests"
mapfile -t test_projects < <(ls tests/*/*.Tests.csproj)
for project in "${test_projects[@]}"; do
  name="$(basename "$project" .csproj)"
  log="$results_dir/$name.log"
  echo "-- $name"
  if ! dotnet test "$project" -c Release --no-build -nodeReuse:false --logger "console;verbosity=minimal" 2>&1 | tee "$log"; then
    status=1
  fi
  # "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: ..."
  line="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)"
  if [[ -z "$line" ]]; then
    echo "!! $name produced no test summary"; status=1; continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

echo "== JavaScript cross-checks"
for dir in tests/crosscheck; do
  [[ -f "$dir/package.json" ]] || continue
  log="$results_dir/$(basename "$dir").log"
  if ! (cd "$dir" && node --test 2>&1) | tee "$log"; then status=1; fi
  p=$(grep -E '^# pass [0-9]+' "$log" | awk '{print $3}' | tail -n 1); p=${p:-0}
  f=$(grep -E '^# fail [0-9]+' "$log" | awk '{print $3}' | tail -n 1); f=${f:-0}
  passed=$((passed + p)); failed=$((failed + f))
done

echo
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $failed -gt 0 ]]; then status=1; fi
exit $status
