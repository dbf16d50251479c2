import Database from 'better-sqlite3';
import { openReadModelDatabase, READ_MODEL_SCHEMA_VERSION } from './read-model-database';
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
});
