#!/usr/bin/env bash
# Validates the compose files of docker/. With a compose client installed (`docker compose` or Debian's
# `docker-compose`), that client's `config -q` is the judge. Without one, validate-compose.js checks them against
# the Compose Specification's JSON schema (vendored in docker/schema) plus the cross-references compose resolves.
# This script installs nothing: CI decides whether to install a client first.
set -euo pipefail
cd "$(dirname "$0")"

# Each entry is one project: its files, merged in order (an override is only valid on top of its base).
projects=(compose.single.yml compose.cluster.yml 'compose.cluster.yml compose.cluster.host-clients.yml')

if docker compose version >/dev/null 2>&1; then
  client=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  client=(docker-compose)
else
  client=()
fi

if ((${#client[@]} > 0)); then
  echo "validating with ${client[*]} ($("${client[@]}" version --short 2>/dev/null || echo 'version unknown'))"
  for project in "${projects[@]}"; do
    args=()
    for file in $project; do args+=(-f "$file"); done
    "${client[@]}" "${args[@]}" config -q
    echo "ok: $project"
  done
else
  # Without a client each file is checked on its own (an override against the schema, not merged onto its base).
  echo 'no compose client installed: validating against docker/schema/compose-spec.json'
  node validate-compose.js compose.single.yml compose.cluster.yml compose.cluster.host-clients.yml
fi
