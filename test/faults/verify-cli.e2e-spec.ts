import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvents } from '@pks/event-store/event-store.test-fixtures';
import { pointTableAtWrongPage } from '@pks/event-store/testing/sqlite-damage';
import { SqliteEventStore } from '@pks/event-store/adapters';
import { LEDGER_INDEXER } from '@pks/application';
import Database from 'better-sqlite3';

/**
 * `verify` (the CLI, in its own process) always answers with a JSON report and a documented exit code:
 * 0 intact, 1 tampered (naming the first position, stream and kind), 2 could not run (a damaged or missing file,
 * a store with no file: the reason, never a stack trace). Each kind of tampering: verify-tampering.e2e-spec.ts.
 */

const REPO = join(__dirname, '..', '..');

function verify(sqlitePath: string, eventStore = 'sqlite') {
  const run = spawnSync(
    process.execPath,
    ['--require', join(REPO, 'test/store-kill/swc-hook.js'), join(REPO, 'apps/cli/src/main.ts'), 'verify'],
    { cwd: REPO, env: { ...process.env, SQLITE_PATH: sqlitePath, EVENT_STORE: eventStore }, encoding: 'utf8' },
  );
  return { exit: run.status, report: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
}

describe('npm run cli -- verify', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pks-verify-'));
    path = join(dir, 'ledger.sqlite');
    // Streams outside the ledger's categories: the ledger's indexer (which the CLI's store keeps) ignores them.
    const store = new SqliteEventStore({ path, indexer: LEDGER_INDEXER });
    await store.append('audit-trail-a', 0, newEvents(300));
    await store.append('audit-trail-b', 0, newEvents(2));
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Edits the file with raw SQL, behind the store's back. */
  function edit(sql: string): void {
    const db = new Database(path);
    try {
      expect(db.prepare(sql).run().changes).toBe(1);
    } finally {
      db.close();
    }
  }

  it('reports an intact ledger with exit 0: events, streams, the root of its log', () => {
    const { exit, report } = verify(path);
    expect(exit).toBe(0);
    expect(report).toMatchObject({
      command: 'verify',
      result: 'intact',
      streams: 2,
      events: 302,
      headPosition: 302,
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstAffected: null,
      findings: [],
      findingsTotal: 0,
      signedHeads: { checked: 0 },
    });
  });

  it('names the first position and stream of an edited event, with exit 1', () => {
    edit(`UPDATE events SET data = '{"i":1000}' WHERE stream_id = 'audit-trail-a' AND version = 7`);
    const { exit, report } = verify(path);
    expect(exit).toBe(1);
    expect(report).toMatchObject({
      result: 'tampered',
      firstAffected: { kind: 'event-edited', position: 7, streamId: 'audit-trail-a' },
      findingsTotal: 1,
    });
  });

  it('names a stream whose version row disagrees with its events, with exit 1', () => {
    edit(`UPDATE streams SET version = 1 WHERE stream_id = 'audit-trail-b'`);
    const { exit, report } = verify(path);
    expect(exit).toBe(1);
    expect(report).toMatchObject({
      result: 'tampered',
      firstAffected: { kind: 'version-row-mismatch', position: 302, streamId: 'audit-trail-b' },
      findings: [{ detail: expect.stringMatching(/says version 1; its events end at version 2/) }],
    });
  });

  it.each([
    ['a missing file', () => rmSync(path), 'sqlite', 'store-unavailable'],
    ['a store with no file (EVENT_STORE=memory)', () => undefined, 'memory', 'not-a-sqlite-store'],
  ])('reports %s as could-not-run with exit 2', (_, change, eventStore, reason) => {
    change();
    const { exit, report, stderr } = verify(path, eventStore);
    expect({ exit, result: report.result, reason: report.reason }).toEqual({
      exit: 2,
      result: 'could-not-run',
      reason,
    });
    expect(stderr).toMatch(/^verify could not run: /);
  });

  it.each([
    ['is not a database', () => writeFileSync(path, Buffer.alloc(32_768, 0x61)), /file is not a database/],
    ['has a damaged events table', () => pointTableAtWrongPage(path, 'events'), /malformed/],
  ])('reports a file that %s as could-not-run with exit 2, and no stack trace', (_, damage, message) => {
    damage();
    const { exit, report, stderr } = verify(path);
    expect(exit).toBe(2);
    expect(report).toEqual({
      command: 'verify',
      result: 'could-not-run',
      reason: 'damaged-store-file',
      message: expect.stringMatching(message),
    });
    expect(stderr).toMatch(/^verify could not run: the event store file is damaged: /);
    expect(
      stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('verify:')),
    ).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
  });
});
