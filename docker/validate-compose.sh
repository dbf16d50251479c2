#!/usr/bin/env bash
# Validates the compose files of docker/. With a compose client installed (`docker compose` or Debian's
# `docker-compose`), that client's `config -q` is the judge. Without one, validate-compose.js checks them against
# the Compose Specification's JSON schema (vendored in docker/schema) plus the cross-references compose resolves.
# This script installs nothing: CI decides whether to install a client first.
set -euo pipefail
cd "$(dirname "$0")"

files=(compose.single.yml compose.cluster.yml)

if docker compose version >/dev/null 2>&1; then
  client=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  client=(docker-compose)
else
  client=()
fi

if ((${#client[@]} > 0)); then
  echo "validating with ${client[*]} ($("${client[@]}" version --short 2>/dev/null || echo 'version unknown'))"
  for file in "${files[@]}"; do
    "${client[@]}" -f "$file" config -q
    echo "ok: $file"
  done
else
  echo 'no compose client installed: validating against docker/schema/compose-spec.json'
  node validate-compose.js "${files[@]}"
fi
