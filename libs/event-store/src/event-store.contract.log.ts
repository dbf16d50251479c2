import { UniqueKeyTakenError, WrongExpectedVersionError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { type EventStoreFactory } from './event-store.contract';
import { newEvent, newEvents, readEverything } from './event-store.test-fixtures';
import { hashLeaf, logLeafOf } from './ledger/log-leaf';
import { MerkleFrontier } from './ledger/merkle-frontier';
import { fromHex } from './ledger/merkle-hashes';
import { verifyConsistency, verifyInclusion } from './ledger/merkle-proof-check';
import type { TransparencyLog } from './ledger/transparency-log.port';

/**
 * The transparency log of the stores that keep one (SQLite, in-memory): every committed event is a leaf, in
 * position order, and nothing else; proofs answer from what the store kept. Run with CONTRACT_INDEXER.
 */
export function describeTransparencyLogContract(name: string, factory: EventStoreFactory): void {
  describe(`${name} (transparency log contract)`, () => {
    let current: Awaited<ReturnType<EventStoreFactory>>;
    let store: EventStore;
    let log: TransparencyLog;
    beforeEach(async () => {
      current = await factory();
      store = current.store;
      if (!store.transparencyLog) throw new Error(`${name} keeps no transparency log`);
      log = store.transparencyLog();
    });
    afterEach(() => current.cleanup());

    /** The root a reader computes from the events alone, and the idempotency records it knows of. */
    async function rootFromEvents(claims: Map<number, { key: string; requestHash: string }>): Promise<string> {
      const frontier = MerkleFrontier.empty();
      for (const event of await readEverything(store))
        frontier.append(hashLeaf(logLeafOf(event, claims.get(event.position))));
      return frontier.root().toString('hex');
    }

    it('holds one leaf per committed event, in position order, with the append key bound to its last event', async () => {
      const claim = { key: 'enrol-nelayan-1', requestHash: 'sha256:body' };
      await store.append('a', 0, newEvents(3));
      const keyed = await store.append('b', 0, newEvents(2), { idempotency: claim });
      await store.append('a', 3, newEvents(1));
      expect(await log.size()).toBe(6);
      expect(await log.leaf(5)).toEqual({
        ...logLeafOf(keyed.events[1]),
        idempotency: expect.objectContaining({ requestHash: 'sha256:body' }),
      });
      expect((await log.leaf(4)).idempotency).toBeUndefined();
      expect(await log.rootHash(6)).toBe(await rootFromEvents(new Map([[5, claim]])));
    });

    it('adds nothing for an append that is refused', async () => {
      await store.append('a', 0, [newEvent('ThingHappened', { uniqueKeys: ['death:1'] })]);
      const before = await log.rootHash(1);
      await expect(store.append('a', 0, newEvents(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(
        store.append('b', 0, [newEvent('ThingHappened', { uniqueKeys: ['death:1'] })]),
      ).rejects.toBeInstanceOf(UniqueKeyTakenError);
      expect([await log.size(), await log.rootHash(1)]).toEqual([1, before]);
      await store.append('b', 0, newEvents(1));
      expect(await log.size()).toBe(2);
    });

    it('keeps the leaves of concurrent appends in the order of their positions', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.append(`s-${i % 3}`, 'any', newEvents(1 + (i % 4)))),
      );
      const size = await log.size();
      expect(size).toBe(await store.headPosition());
      expect(await log.rootHash(size)).toBe(await rootFromEvents(new Map()));
    });

    it('proves every event included in every tree size that holds it', async () => {
      for (let i = 0; i < 11; i++) await store.append(`s-${i % 2}`, 'any', newEvents(1 + (i % 3)));
      const size = await log.size();
      for (const treeSize of [1, 7, 16, size]) {
        const root = fromHex(await log.rootHash(treeSize));
        for (let position = 1; position <= treeSize; position++) {
          const proof = await log.inclusionProof(position, treeSize);
          const path = proof.auditPath.map((h) => fromHex(h));
          expect(verifyInclusion(proof.leafIndex, treeSize, hashLeaf(proof.leaf), path, root)).toBe(true);
        }
      }
    });

    it('proves every earlier tree a prefix of the current one', async () => {
      const roots: string[] = [];
      for (let i = 0; i < 9; i++) {
        await store.append(`s-${i % 2}`, 'any', newEvents(1 + (i % 3)));
        roots[await store.headPosition()] = await log.rootHash(await store.headPosition());
      }
      const size = await log.size();
      for (let from = 1; from <= size; from++) {
        const { consistencyPath } = await log.consistencyProof(from, size);
        const fromRoot = fromHex(await log.rootHash(from));
        if (roots[from]) expect(fromRoot.toString('hex')).toBe(roots[from]);
        const ok = verifyConsistency(
          from,
          size,
          fromRoot,
          fromHex(roots[size]),
          consistencyPath.map((h) => fromHex(h)),
        );
        expect(ok).toBe(true);
      }
    });

    it('refuses proofs outside the log', async () => {
      await store.append('a', 0, newEvents(3));
      await expect(log.inclusionProof(4, 3)).rejects.toBeInstanceOf(RangeError);
      await expect(log.inclusionProof(1, 4)).rejects.toBeInstanceOf(RangeError);
      await expect(log.consistencyProof(0, 3)).rejects.toBeInstanceOf(RangeError);
      await expect(log.consistencyProof(2, 4)).rejects.toBeInstanceOf(RangeError);
      await expect(log.rootHash(4)).rejects.toBeInstanceOf(RangeError);
      expect(await log.rootHash(0)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    });
  });
}
