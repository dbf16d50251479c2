import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { leafHash } from './merkle-hashes';

/**
 * A leaf of the ledger's transparency log: one event, at its place in the store's global order.
 *
 * Why a leaf is more than the event's chain hash. The chain hash already covers the stream, the version and the
 * content, but not where the event sits among all the others, and that is what a reorder across streams changes:
 * every stream's chain stays intact when two events of different streams swap positions. The tree's shape alone
 * would catch the swap against a signed head, but a leaf that names its own position also
 * - lets `verify` point at the event that moved (its leaf no longer matches the one the log recorded there);
 * - lets an inclusion proof in an audit file authenticate the position the auditor reads, not just "some leaf";
 * - keeps its meaning on a store whose positions are not 1..n (EventStoreDB's commit offsets).
 * The append's Idempotency-Key (hashed) and request fingerprint are bound into the leaf of its last event: the
 * records are part of the ledger (a deleted one lets a retry append twice, an edited one answers another
 * request's outcome) and the chain does not cover them.
 */
export interface LogLeaf {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  /** The event's chain hash (hex). */
  readonly eventHash: string;
  readonly idempotency?: IdempotencyBinding;
}

/** What a leaf keeps of an Idempotency-Key: its sha-256 (the key itself is the client's) and the request's fingerprint. */
export interface IdempotencyBinding {
  readonly keyHash: string;
  readonly requestHash: string;
}

export interface LeafSource {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/** An append's Idempotency-Key and request fingerprint (the port's IdempotencyClaim). */
export interface ClaimSource {
  readonly key: string;
  readonly requestHash: string;
}

export function logLeafOf(event: LeafSource, claim?: ClaimSource | null): LogLeaf {
  const { position, streamId, version, hash: eventHash } = event;
  return claim
    ? { position, streamId, version, eventHash, idempotency: bindingOf(claim) }
    : { position, streamId, version, eventHash };
}

export function bindingOf(claim: ClaimSource): IdempotencyBinding {
  return { keyHash: sha256Hex(claim.key), requestHash: claim.requestHash };
}

/** The leaf's hash in the tree: RFC 9162's leaf hash of the leaf's canonical JSON. */
export function hashLeaf(leaf: LogLeaf): Buffer {
  return leafHash(leafJson(leaf));
}

/**
 * canonicalJson(leaf), written out: the keys of a leaf are known and already in canonical order, and this runs
 * once per appended event (a test holds it equal to canonicalJson for every shape of leaf).
 */
export function leafJson(leaf: LogLeaf): string {
  const { position, streamId, version, eventHash, idempotency } = leaf;
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(version)) return canonicalJson(leaf);
  const binding = idempotency
    ? `"idempotency":{"keyHash":${JSON.stringify(idempotency.keyHash)},"requestHash":${JSON.stringify(idempotency.requestHash)}},`
    : '';
  return `{"eventHash":${JSON.stringify(eventHash)},${binding}"position":${position},"streamId":${JSON.stringify(streamId)},"version":${version}}`;
}

/** A fingerprint of a binding alone, kept beside a stored leaf so that `verify` can tell what changed in it. */
export function hashBinding(binding: IdempotencyBinding): Buffer {
  return createHash('sha256').update(canonicalJson(binding)).digest();
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
