import Database from 'better-sqlite3';
import { openReadModelDatabase, openReadModelReader, READ_MODEL_SCHEMA_VERSION } from './read-model-database';
import { tempDir } from './testing/ledger-builder';

describe('the read-model database file', () => {
  it('is emptied when an older version of the read models wrote it, so that they are rebuilt from the events', () => {
    const dir = tempDir();
    const old = new Database(dir.path('read.sqlite'));
    old.exec(
      'CREATE TABLE rm_benefits (agreement_id TEXT); CREATE TABLE projection_checkpoints (name TEXT, position INTEGER)',
    );
    old.exec("INSERT INTO projection_checkpoints VALUES ('benefits', 1234)");
    old.pragma('user_version = 1');
    old.close();
    const db = openReadModelDatabase(dir.path('read.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(READ_MODEL_SCHEMA_VERSION);
    expect(db.prepare('SELECT COUNT(*) FROM projection_checkpoints').pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'rm_benefits'").pluck().get()).toBe(0);
    db.close();
    dir.cleanup();
  });

  it('gives queries a connection that sees what the runner committed, never a transaction under way, and cannot write', () => {
    const dir = tempDir();
    const db = openReadModelDatabase(dir.path('read.sqlite'));
    const reads = openReadModelReader(dir.path('read.sqlite'));
    const checkpoint = () =>
      reads.prepare("SELECT position FROM projection_checkpoints WHERE name = 'benefits'").pluck().get();
    db.exec("INSERT INTO projection_checkpoints VALUES ('benefits', 10)");
    expect(checkpoint()).toBe(10);
    db.exec('BEGIN');
    db.exec("UPDATE projection_checkpoints SET position = 20 WHERE name = 'benefits'");
    expect(checkpoint()).toBe(10);
    db.exec('COMMIT');
    expect(checkpoint()).toBe(20);
    expect(() => reads.exec('DELETE FROM projection_checkpoints')).toThrow(/readonly/);
    expect(checkpoint()).toBe(20);
    reads.close();
    db.close();
    dir.cleanup();
  });

  it('opens no query connection on a file that does not exist (it would read an empty database)', () => {
    const dir = tempDir();
    expect(() => openReadModelReader(dir.path('missing.sqlite'))).toThrow();
    dir.cleanup();
  });
});
