#!/usr/bin/env bash
# Loads the demo consultation through the public API (gateway + Keycloak tokens), as its people would: see
# scripts/demo_data.py (deterministic, idempotent) and docs/demo.md. Options are passed on (--citizens N, --check-only).
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/demo_data.py" "$@"
