#!/usr/bin/env bash
# The main job on embedded defaults: the ingester with its embedded MQTT broker and SQLite storage,
# fed by a fleet of simulated plugs that run the real firmware code (metering, batching, Ed25519
# signing, flash outbox, MQTT). Nothing else to install. Data stays in .data/demo.
#
#   scripts/run.sh                      # 100 plugs replay the last 2 hours in about a minute
#   PLUGS=1000 DURATION=6h SPEED=360 scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

plugs="${PLUGS:-100}"
duration="${DURATION:-2h}"
speed="${SPEED:-120}"
data="${DATA_DIR:-.data/demo}"
mqtt_port="${MQTT_PORT:-1883}"
http_port="${HTTP_PORT:-5080}"

echo "== building"
dotnet build -c Release -v:q -nodeReuse:false server/IlmEnergy.Ingester/IlmEnergy.Ingester.csproj
dotnet build -c Release -v:q -nodeReuse:false firmware/IlmEnergy.Firmware.Simulator/IlmEnergy.Firmware.Simulator.csproj

mkdir -p "$data"
echo "== starting the ingester (embedded broker on 127.0.0.1:$mqtt_port, SQLite in $data, http://127.0.0.1:$http_port)"
env Ingester__DataDirectory="$data" \
    Ingester__Mqtt__EmbeddedBrokerPort="$mqtt_port" \
    Urls="http://127.0.0.1:$http_port" \
    "Logging__LogLevel__Microsoft.AspNetCore=Warning" \
    dotnet server/IlmEnergy.Ingester/bin/Release/net10.0/IlmEnergy.Ingester.dll > "$data/ingester.log" 2>&1 &
ingester=$!
stop_ingester() { kill -TERM "$ingester" 2>/dev/null && wait "$ingester" 2>/dev/null || true; }
trap stop_ingester EXIT

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break
  kill -0 "$ingester" 2>/dev/null || { echo "the ingester did not start:"; tail -20 "$data/ingester.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null || { echo "the ingester is not ready:"; tail -20 "$data/ingester.log"; exit 1; }

echo "== $plugs simulated plugs replay the last $duration at ${speed}x (registered in the ingester's registry as an operator would)"
dotnet firmware/IlmEnergy.Firmware.Simulator/bin/Release/net10.0/IlmEnergy.Firmware.Simulator.dll \
  --broker "127.0.0.1:$mqtt_port" --plugs "$plugs" --duration "$duration" --speed "$speed" --register "$data"

# Let the last acknowledgements and the progress line land.
sleep 3
echo "== ingester totals (http://127.0.0.1:$http_port/api/v1/ingest/stats)"
curl -fs "http://127.0.0.1:$http_port/api/v1/ingest/stats"; echo
grep -E "msg/s; total" "$data/ingester.log" | tail -n 3 || true
echo "== data: $data/readings.db (samples), $data/archive.db (signed messages, quarantine), $data/registry.db (devices)"
