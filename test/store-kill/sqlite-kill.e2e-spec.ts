import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent, verifyChain } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';

/**
 * Crash safety of the SQLite adapter: a writer process is SIGKILLed at random moments, mid-append as often
 * as not, and everything it acknowledged must still be there, gap-free and hash-chained.
 * SIGKILL leaves the OS page cache intact, so this proves atomicity and recovery, not power-loss durability.
 */

const ROUNDS = 3;
const MIN_ACKS_BEFORE_KILL = 200;

interface Ack {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

/** Runs append-child.ts against `path`, kills it once it has acknowledged `killAfter` events or more. */
function runAndKill(path: string, killAfter: number): Promise<Ack[]> {
  const args = ['--require', join(__dirname, 'swc-hook.js'), join(__dirname, 'append-child.ts'), path];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let pending = '';
  let stderr = '';
  let killScheduled = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    // Only complete lines count: a line cut short by the kill was never acknowledged in full.
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) acks.push(parseAck(line));
    if (!killScheduled && acks.length >= killAfter) {
      killScheduled = true;
      // A random delay lands the kill at any point of an append: before, inside or after its commit.
      setTimeout(() => child.kill('SIGKILL'), randomInt(0, 20));
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killScheduled) resolve(acks);
      else reject(new Error(`child ended with code ${code}, signal ${signal} after ${acks.length} acks:\n${stderr}`));
    });
  });
}

function parseAck(line: string): Ack {
  const match = /^ack (\S+) (\d+) (\d+)$/.exec(line);
  if (!match) throw new Error(`unexpected line from child: ${line}`);
  return { streamId: match[1], version: Number(match[2]), position: Number(match[3]) };
}

/** Every problem found in the store, as readable strings; empty when the store is sound. */
async function findProblems(store: SqliteEventStore, acks: readonly Ack[]): Promise<string[]> {
  const problems: string[] = [];
  const head = await store.headPosition();
  const all = await store.readAll({ after: 0, limit: head + 1 });
  all.forEach((e, i) => e.position !== i + 1 && problems.push(`position ${e.position} found at index ${i}`));
  if (all.length !== head) problems.push(`headPosition ${head} but ${all.length} events`);

  const byPosition = new Map(all.map((e) => [e.position, e]));
  for (const ack of acks) {
    const e = byPosition.get(ack.position);
    if (e?.streamId !== ack.streamId || e.version !== ack.version) problems.push(`lost ${JSON.stringify(ack)}`);
  }

  const streams = new Map<string, RecordedEvent[]>();
  for (const e of all) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  for (const [streamId, events] of streams) {
    const chain = verifyChain(events);
    if (!chain.ok) problems.push(`${streamId}: chain broken at ${chain.version}: ${chain.reason}`);
    if (events[0].version !== 1) problems.push(`${streamId}: starts at version ${events[0].version}`);
    const version = await store.streamVersion(streamId);
    if (version !== events.length) problems.push(`${streamId}: streamVersion ${version}, ${events.length} events`);
  }
  return [...problems, ...(await idempotencyProblems(store, head))];
}

/** Each append carried a key, committed with its events: the keys must cover every position exactly once. */
async function idempotencyProblems(store: SqliteEventStore, head: number): Promise<string[]> {
  const keys = store.rawDatabase().prepare('SELECT key FROM idempotency_keys').pluck().all() as string[];
  const covered = new Set<number>();
  let total = 0;
  for (const key of keys) {
    const record = await store.findIdempotencyRecord(key);
    if (!record) return [`key ${key} is in the table but not found`];
    const count = record.toVersion - record.fromVersion + 1;
    // The events of one append have consecutive positions, the last one recorded with the key.
    for (let p = record.position - count + 1; p <= record.position; p++) covered.add(p);
    total += count;
  }
  const exact = total === head && covered.size === head && [...covered].every((p) => p >= 1 && p <= head);
  return exact ? [] : [`idempotency records cover ${covered.size} positions (${total} counted), store has ${head}`];
}

describe('SqliteEventStore under SIGKILL', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pks-store-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append through ${ROUNDS} kills of the writer`, async () => {
    const path = join(dir, 'events.sqlite');
    const acks: Ack[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      acks.push(...(await runAndKill(path, MIN_ACKS_BEFORE_KILL + randomInt(0, 300))));
      const store = new SqliteEventStore({ path });
      try {
        expect(await findProblems(store, acks)).toEqual([]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(acks.length);
      } finally {
        await store.close();
      }
    }
    expect(acks.length).toBeGreaterThanOrEqual(ROUNDS * MIN_ACKS_BEFORE_KILL);
  }, 30_000);
});
