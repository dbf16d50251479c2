import Database from 'better-sqlite3';
import { hashEvent } from '../hash-chain';
import { toRecordedEvent, type EventRow } from '../sqlite.statements';
import { SqliteLedgerTree } from '../sqlite.ledger-tree';

/**
 * Tampering with a SQLite event store file the way an auditor's fault probe does: raw SQL in another tool, and for
 * the stronger cases the project's own hash function, behind the store's back. Each returns what it touched.
 */

type Db = Database.Database;

function withFile<T>(path: string, edit: (db: Db) => T): T {
  const db = new Database(path);
  try {
    return db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

/** A tampering that changed nothing would let a test pass on an intact file: it fails instead. */
function changed(what: string, result: Database.RunResult): void {
  if (result.changes === 0) throw new Error(`nothing to tamper with: ${what}`);
}

function eventAt(db: Db, position: number): EventRow {
  const row = db.prepare('SELECT * FROM events WHERE position = ?').get(position) as EventRow | undefined;
  if (!row) throw new Error(`no event at position ${position}`);
  return row;
}

/** Changes an event's data, leaving its hash as it was. */
export function editEventData(path: string, position: number, data: unknown): void {
  withFile(path, (db) =>
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), position),
  );
}

/**
 * Changes an event's data and recomputes its hash with the project's own function, relinking every later event of
 * its stream and its version row: the stream's chain is whole again; only the log can tell.
 */
export function rewriteEventData(path: string, position: number, data: unknown): void {
  withFile(path, (db) => {
    const target = eventAt(db, position);
    const rows = db
      .prepare('SELECT * FROM events WHERE stream_id = ? AND version >= ? ORDER BY version')
      .all(target.stream_id, target.version) as EventRow[];
    let previousHash = target.previous_hash;
    for (const row of rows) {
      const event = { ...toRecordedEvent(row), ...(row.position === position ? { data } : {}) };
      const hash = hashEvent(row.stream_id, row.version, event, previousHash);
      db.prepare('UPDATE events SET data = ?, hash = ?, previous_hash = ? WHERE position = ?').run(
        JSON.stringify(event.data),
        hash,
        previousHash,
        row.position,
      );
      previousHash = hash;
    }
    db.prepare('UPDATE streams SET last_hash = ? WHERE stream_id = ?').run(previousHash, target.stream_id);
  });
}

export function deleteEvent(path: string, position: number): void {
  withFile(path, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(position));
}

/** Deletes a stream's last event and sets its version row back to the event before: two statements. */
export function deleteLastEventOf(path: string, streamId: string): number {
  return withFile(path, (db) => {
    const last = db
      .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1')
      .get(streamId) as EventRow;
    db.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    db.prepare('UPDATE streams SET version = ?, last_hash = ? WHERE stream_id = ?').run(
      last.version - 1,
      last.previous_hash,
      streamId,
    );
    return last.position;
  });
}

/** Deletes a whole stream: its events and its version row. */
export function deleteStream(path: string, streamId: string): void {
  withFile(path, (db) => {
    changed(`no event of ${streamId}`, db.prepare('DELETE FROM events WHERE stream_id = ?').run(streamId));
    db.prepare('DELETE FROM streams WHERE stream_id = ?').run(streamId);
  });
}

/** Trades the positions of two events (of one stream or of two). */
export function swapPositions(path: string, a: number, b: number): void {
  withFile(path, (db) => {
    const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
    move.run(-1, a);
    move.run(a, b);
    move.run(b, -1);
  });
}

export function editVersionRow(path: string, streamId: string, version: number): void {
  withFile(path, (db) =>
    changed(
      `no version row of ${streamId}`,
      db.prepare('UPDATE streams SET version = ? WHERE stream_id = ?').run(version, streamId),
    ),
  );
}

export function editIdempotencyRecord(path: string, key: string, requestHash: string): void {
  withFile(path, (db) =>
    changed(
      `no idempotency record ${key}`,
      db.prepare('UPDATE idempotency_keys SET request_hash = ? WHERE key = ?').run(requestHash, key),
    ),
  );
}

export function deleteIdempotencyRecord(path: string, key: string): void {
  withFile(path, (db) =>
    changed(`no idempotency record ${key}`, db.prepare('DELETE FROM idempotency_keys WHERE key = ?').run(key)),
  );
}

export function deleteIndexRow(path: string, key: string): void {
  withFile(path, (db) => changed(`no index row ${key}`, db.prepare('DELETE FROM event_index WHERE key = ?').run(key)));
}

/**
 * Loses everything after `keep` events, as a lost WAL tail or a restored older copy does: events, log, records
 * and index alike, version rows set back. The file is consistent with itself; only a signed head remembers more.
 */
export function truncateAfter(path: string, keep: number): void {
  withFile(path, (db) => {
    for (const table of ['events', 'ledger_leaves', 'idempotency_keys', 'event_index']) {
      db.prepare(`DELETE FROM ${table} WHERE position > ?`).run(keep);
    }
    db.prepare('DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > ?').run(keep);
    resetVersionRows(db);
  });
}

/**
 * Rewrites an event as someone who can run the code would, then rebuilds the log from the (rewritten) events with
 * the store's own code: chains, rows and log agree again. Only a head signed before can tell.
 */
export function rewriteHistory(path: string, position: number, data: unknown): void {
  rewriteEventData(path, position, data);
  withFile(path, (db) => {
    db.exec('DELETE FROM ledger_leaves; DELETE FROM ledger_nodes;');
    new SqliteLedgerTree(db).build();
  });
}

function resetVersionRows(db: Db): void {
  db.exec(`DELETE FROM streams WHERE stream_id NOT IN (SELECT stream_id FROM events);
    UPDATE streams SET
      version = (SELECT MAX(version) FROM events e WHERE e.stream_id = streams.stream_id),
      last_hash = (SELECT hash FROM events e WHERE e.stream_id = streams.stream_id ORDER BY version DESC LIMIT 1);`);
}

/** Appends an event behind the store's back, with a hash and chain link made by the project's own code. */
export function appendForgedEvent(path: string, streamId: string, type: string, data: unknown): number {
  return withFile(path, (db) => {
    const last = db
      .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1')
      .get(streamId) as EventRow;
    const position = (db.prepare('SELECT MAX(position) FROM events').pluck().get() as number) + 1;
    const event = { ...toRecordedEvent(last), eventId: `forged-${position}`, type, data };
    const hash = hashEvent(streamId, last.version + 1, event, last.hash);
    db.prepare(
      `INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, hash, previous_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      position,
      streamId,
      last.version + 1,
      event.eventId,
      type,
      JSON.stringify(data),
      last.metadata,
      hash,
      last.hash,
    );
    db.prepare('UPDATE streams SET version = ?, last_hash = ? WHERE stream_id = ?').run(
      last.version + 1,
      hash,
      streamId,
    );
    return position;
  });
}
