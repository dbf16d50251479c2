import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, ReadAllOptions } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';
import { READ_MODELS, ReadModels } from '@pks/projections';
import { copyHistory, longHistory } from '@pks/projections/testing/histories';

/**
 * Crash safety of the projection runner: a child process projects a SQLite event store into a read-model file
 * (small batches, while appending more payments to the store) and is SIGKILLed at random moments, then restarted
 * on the same files. After every kill the file must hold exactly the batches up to its checkpoint; at the end, a
 * clean catch-up must leave rows identical to those of one uninterrupted run over the same store.
 * SIGKILL leaves the OS page cache intact, so this proves atomicity and recovery, not power-loss durability.
 */

const ROUNDS = 12;
/** The kill lands this long (ms, at random) after the child has opened the read models. */
const MAX_KILL_DELAY_MS = 300;

interface Round {
  readonly batchSize: number;
  /** How long the child's transactions may apply events (0: one event each). */
  readonly sliceMs: number;
  /** Checkpoint the child resumed after. */
  readonly start: number;
  /** Positions the child reported committed (onBatch), in order. */
  readonly applied: number[];
  /** Store position after each append of payments that the store acknowledged to the child. */
  readonly appended: number[];
}

/** Runs projection-kill-child.ts on the two files; kills it `delayMs` after it reports the read models open. */
function runAndKill(
  storePath: string,
  readPath: string,
  { batchSize, sliceMs }: { batchSize: number; sliceMs: number },
  delayMs: number,
  thread: boolean,
): Promise<Round> {
  const args = [
    '--require',
    join(__dirname, 'swc-hook.js'),
    join(__dirname, 'projection-kill-child.ts'),
    storePath,
    readPath,
    String(batchSize),
    String(sliceMs),
  ];
  const env = { ...process.env, PROJECTION_KILL_THREAD: thread ? '1' : '0' };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const round = { batchSize, sliceMs, start: -1, applied: [] as number[], appended: [] as number[] };
  let pending = '';
  let stderr = '';
  let killScheduled = false;
  let bad: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    // Only complete lines count: a line cut short by the kill was never reported in full.
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^(start|applied|appended) (\d+)( \d+)?$/.exec(line);
      if (!match) bad ??= line;
      else if (match[1] === 'start') round.start = Number(match[2]);
      else round[match[1] === 'applied' ? 'applied' : 'appended'].push(Number(match[2]));
    }
    if (!killScheduled && round.start >= 0) {
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killScheduled && bad === null) resolve(round);
      else
        reject(new Error(`child ended with code ${code}, signal ${signal}, line ${JSON.stringify(bad)}:\n${stderr}`));
    });
  });
}

/** Every row of every rm_* table and of projection_checkpoints, ordered by all columns: to compare two files. */
function rows(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
    AND (name LIKE 'rm\\_%' ESCAPE '\\' OR name = 'projection_checkpoints') ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    result[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.map((c) => `"${c}"`).join(', ')}`).all();
  }
  return result;
}

/** Same rows in the same order; JSON first, since jest's deep equality over ~20,000 rows is slow (diff on failure). */
function expectSameRows(actual: Record<string, unknown[]>, expected: Record<string, unknown[]>): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

function checkpoints(db: Database.Database): number[] {
  return db.prepare('SELECT position FROM projection_checkpoints ORDER BY name').pluck().all() as number[];
}

function quarantined(db: Database.Database): unknown[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'projection_quarantine'`).get();
  return exists ? db.prepare('SELECT * FROM projection_quarantine').all() : [];
}

/** The store as it was when its head was `last`: later events are not read. */
function upTo(store: EventStore, last: number): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return async (options: ReadAllOptions) => (await target.readAll(options)).filter((e) => e.position <= last);
      }
      if (property === 'headPosition') return async () => Math.min(last, await target.headPosition());
      if (property === 'subscribeToAll') return undefined;
      return Reflect.get(target, property, receiver);
    },
  });
}

/** Rows of read models built on ':memory:' in one uninterrupted run over `store`. */
async function referenceRows(store: EventStore): Promise<Record<string, unknown[]>> {
  const models = ReadModels.open(':memory:', store);
  try {
    await models.runner.catchUp();
    return rows(models.db);
  } finally {
    await models.close();
  }
}

describe('projection runner under SIGKILL', () => {
  let dir: string;
  let storePath: string;
  let readPath: string;
  let historyHead: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pks-projection-kill-'));
    storePath = join(dir, 'events.sqlite');
    readPath = join(dir, 'read-models.sqlite');
    const ledger = await longHistory();
    const store = new SqliteEventStore({ path: storePath, synchronous: 'NORMAL' });
    try {
      await copyHistory(ledger.store, store);
      historyHead = await store.headPosition();
    } finally {
      await store.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['on the loop of its process', false],
    ['in a thread of its own (PROJECTION_THREAD=on)', true],
  ])(
    `%s: keeps the read models consistent with their checkpoint through ${ROUNDS} kills, and catches up`,
    async (_, thread) => {
      readPath = join(dir, thread ? 'read-models-thread.sqlite' : 'read-models.sqlite');
      expect(historyHead).toBeGreaterThan(2_500);
      const log: string[] = [];
      try {
        let midRunKills = 0;
        let lastCheckpoint = 0;
        for (let round = 1; round <= ROUNDS; round++) {
          const slicing = { batchSize: randomInt(2, 40), sliceMs: randomInt(0, 3) };
          const run = await runAndKill(storePath, readPath, slicing, randomInt(0, MAX_KILL_DELAY_MS), thread);
          const { checkpoint, head } = await checkAfterKill(run, lastCheckpoint, (line) =>
            log.push(`round ${round}: ${line}`),
          );
          // Mid-run: the child had committed some of its run (the checkpoint moved) and had more to apply.
          if (checkpoint > run.start && checkpoint < head) midRunKills += 1;
          lastCheckpoint = checkpoint;
        }
        await checkFinalCatchUp(lastCheckpoint, (line) => log.push(`final: ${line}`));
        // Some kills landed while the child had committed batches in its run and had more to apply.
        log.push(`${midRunKills} of ${ROUNDS} kills mid-run`);
        expect(midRunKills).toBeGreaterThanOrEqual(1);
        if (process.env.PROJECTION_KILL_LOG) console.log(log.join('\n'));
      } catch (error) {
        console.log(log.join('\n'));
        throw error;
      }
    },
    60_000,
  );

  /** The read-model file after a kill: its rows are exactly those of the events up to its checkpoint. */
  async function checkAfterKill(run: Round, lastCheckpoint: number, log: (line: string) => void) {
    const store = new SqliteEventStore({ path: storePath, synchronous: 'NORMAL' });
    const db = new Database(readPath);
    try {
      const head = await store.headPosition();
      const found = checkpoints(db);
      const checkpoint = found[0] ?? 0;
      const reported = run.applied.at(-1) ?? run.start;
      log(
        `batch ${run.batchSize}, slices of ${run.sliceMs} ms, resumed after ${run.start}, ${run.applied.length} batches reported up to ${reported}, ` +
          `checkpoint ${checkpoint}, store head ${head}`,
      );

      // Resumed where the last round's file left off; every batch reported committed is in the file.
      expect(run.start).toBe(lastCheckpoint);
      // Every registered read model commits its checkpoint with the others (none before the first batch).
      expect(found).toEqual(found.length === 0 ? [] : READ_MODELS.map(() => checkpoint));
      expect(checkpoint).toBeGreaterThanOrEqual(reported);
      expect(checkpoint).toBeLessThanOrEqual(head);
      expect(head).toBeGreaterThanOrEqual(Math.max(historyHead, ...run.appended));
      // No part of a batch without its checkpoint, no checkpoint without its batch. Checked after each kill because
      // the final comparison cannot see rows committed ahead of their checkpoint: the projections are idempotent, so
      // applying such a batch again on restart leaves the same final rows.
      expectSameRows(rows(db), await referenceRows(upTo(store, checkpoint)));
      expect(quarantined(db)).toEqual([]);
      return { checkpoint, head };
    } finally {
      db.close();
      await store.close();
    }
  }

  /** One clean catch-up in-process on the same file: the rows of one uninterrupted run over the final store. */
  async function checkFinalCatchUp(lastCheckpoint: number, log: (line: string) => void): Promise<void> {
    const store = new SqliteEventStore({ path: storePath, synchronous: 'NORMAL' });
    const models = ReadModels.open(readPath, store);
    try {
      expect(models.runner.appliedPosition()).toBe(lastCheckpoint);
      await models.runner.catchUp();
      const head = await store.headPosition();
      log(`catch-up from ${lastCheckpoint} to ${models.runner.appliedPosition()}, store head ${head}`);
      expect(models.runner.appliedPosition()).toBe(head);
      expect(checkpoints(models.db)).toEqual(READ_MODELS.map(() => head));
      expect(models.runner.quarantined()).toEqual([]);
      expectSameRows(rows(models.db), await referenceRows(store));
    } finally {
      await models.close();
      await store.close();
    }
  }
});
