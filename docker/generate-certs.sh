#!/usr/bin/env sh
# Generates the TLS certificates of compose.cluster.yml with EventStoreDB's es-gencert-cli image, as its
# documentation describes: one certificate authority, then a certificate per node, valid for the node's name on
# the compose network and for localhost (the nodes' own healthchecks, the admin UI through published ports).
#
#   docker/generate-certs.sh                 # keeps what exists; FORCE=1 to regenerate everything
#
# Layout (docker/certs is git-ignored through docker/.gitignore):
#   certs/ca/ca.crt              trusted by the nodes and by the app (tlsCAFile)
#   certs/ca-key/ca.key          the CA's private key: mounted nowhere, kept to sign more nodes later
#   certs/esdb-nodeN/node.{crt,key}
set -eu

cd "$(dirname "$0")"
CERTS_DIR="$(pwd)/certs"
IMAGE="${GENCERT_IMAGE:-eventstore/es-gencert-cli:1.0.2}"
NODES="${NODES:-esdb-node1 esdb-node2 esdb-node3}"

if [ "${FORCE:-0}" = "1" ]; then rm -rf "$CERTS_DIR"; fi
mkdir -p "$CERTS_DIR"

gencert() {
  docker run --rm --user "$(id -u):$(id -g)" --volume "$CERTS_DIR:/certs" "$IMAGE" "$@"
}

if [ ! -f "$CERTS_DIR/ca/ca.crt" ]; then
  gencert create-ca -out /certs/ca
  mkdir -p "$CERTS_DIR/ca-key"
  mv "$CERTS_DIR/ca/ca.key" "$CERTS_DIR/ca-key/ca.key"
fi

for node in $NODES; do
  if [ -f "$CERTS_DIR/$node/node.crt" ]; then continue; fi
  gencert create-node -ca-certificate /certs/ca/ca.crt -ca-key /certs/ca-key/ca.key \
    -out "/certs/$node" -dns-names "$node,localhost" -ip-addresses 127.0.0.1
done

# The nodes run as uid 1000 in their image, whatever the uid that generated the files: keys must be readable.
chmod 0755 "$CERTS_DIR/ca" "$CERTS_DIR"/esdb-node*
chmod 0644 "$CERTS_DIR/ca/ca.crt" "$CERTS_DIR"/esdb-node*/node.crt "$CERTS_DIR"/esdb-node*/node.key
chmod 0700 "$CERTS_DIR/ca-key"
chmod 0600 "$CERTS_DIR/ca-key/ca.key"
echo "certificates in $CERTS_DIR"
