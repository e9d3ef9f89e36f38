# Installs what the tests and the main job need when it is missing. Sourced by scripts/*.sh.
# Debian's packages start system services on install; our tests start their own instances on
# 127.0.0.1 and free ports, so the services are kept from starting.

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

ensure_debian_packages() {
  local missing=()
  command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || missing+=(mosquitto)
  command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
  command -v influxd >/dev/null 2>&1 || [[ -x /usr/bin/influxd ]] || missing+=(influxdb)
  command -v influx >/dev/null 2>&1 || missing+=(influxdb-client)
  if [[ ${#missing[@]} -eq 0 ]]; then return 0; fi
  echo "== installing Debian packages: ${missing[*]}"
  # Keep package scripts from starting services we do not use.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null; as_root chmod +x "$policy"; created_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [[ $created_policy -eq 1 ]]; then as_root rm -f "$policy"; fi
}

ensure_npm_packages() {
  local dir
  for dir in tests/crosscheck tests/solana-harness; do
    [[ -f "$dir/package-lock.json" ]] || continue
    if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
      echo "== npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
}
