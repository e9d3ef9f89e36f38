#!/usr/bin/env bash
# The main job on embedded defaults: no external broker, database or chain needed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project server/IlmEnergy.Cli -- demo "$@"
