import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTreeHead, type SignedTreeHead } from '@pks/event-store';
import { SHOWN_RECHECK_MS, TreeHeadsFile } from './tree-heads.file';

const { privateKey } = generateKeyPairSync('ed25519');
const headOf = (treeSize: number): SignedTreeHead =>
  signTreeHead({ treeSize, rootHash: 'ab'.repeat(32), timestamp: '2025-11-13T03:00:00.000Z' }, privateKey);
const latestSize = (file: TreeHeadsFile, read: 'latest' | 'latestShown' = 'latestShown') => {
  const kept = file[read]();
  return kept === null ? null : 'head' in kept ? kept.head.treeSize : kept.error;
};

describe('the signed tree heads file', () => {
  let path: string;
  let clock: number;
  const now = () => clock;
  /** Past the interval within which a head shown may be kept. */
  const later = () => (clock += SHOWN_RECHECK_MS);
  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'pks-heads-')), 'tree-heads.jsonl');
    clock = 0;
  });

  it('has no latest head before the first, then the last one appended, a torn last line skipped', () => {
    const file = new TreeHeadsFile(path, now);
    expect([file.latest(), file.latestShown()]).toEqual([null, null]);
    file.append(headOf(10));
    expect([latestSize(file, 'latest'), latestSize(file)]).toEqual([10, 10]);
    file.append(headOf(20));
    expect([latestSize(file, 'latest'), latestSize(file)]).toEqual([20, 20]);
    appendFileSync(path, '{"treeSize":3');
    later();
    expect([latestSize(file, 'latest'), latestSize(file)]).toEqual([20, 20]);
  });

  it('shows a last line edited in place, its size and modification time put back (to the millisecond)', () => {
    const file = new TreeHeadsFile(path, now);
    file.append(headOf(10));
    file.append(headOf(20));
    expect(latestSize(file)).toBe(20);
    const before = statSync(path);
    // Same length: "treeSize":20 becomes "treeSize":99, which no longer matches its signature's text but parses.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"treeSize":20/, '"treeSize":99'));
    // Whatever the file's size and times say, the shown head follows once the interval has passed.
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path)).toMatchObject({ size: before.size, ino: before.ino });
    expect(latestSize(file, 'latest')).toBe(99);
    expect(latestSize(file)).toBe(20); // kept within the interval: GET /health does not look at the file each time
    later();
    expect(latestSize(file)).toBe(99);
  });

  it('shows the head of a file put in its place, and none once it is removed', () => {
    const file = new TreeHeadsFile(path, now);
    file.append(headOf(10));
    expect(latestSize(file)).toBe(10);
    const other = `${path}.other`;
    new TreeHeadsFile(other).append(headOf(30));
    renameSync(other, path);
    later();
    expect(latestSize(file)).toBe(30);
    renameSync(path, other);
    later();
    expect([file.latest(), file.latestShown()]).toEqual([null, null]);
  });
});
