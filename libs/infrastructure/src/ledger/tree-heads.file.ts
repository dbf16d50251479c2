import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseSignedTreeHead, type SignedTreeHead } from '@pks/event-store';

/** A line of the heads file: the head, or why the line is not one (an edited or torn line). */
export type KeptHead =
  { readonly line: number; readonly head: SignedTreeHead } | { readonly line: number; readonly error: string };

/** How long a head shown may be kept before the file is looked at again (see TreeHeadsFile.latestShown). */
export const SHOWN_RECHECK_MS = 1_000;

/**
 * The signed tree heads the ledger issued: one JSON line each, appended and fsynced before a head is answered,
 * in a file beside the key (not in the event store file: whoever edits the store must not be able to drop the
 * heads that would give them away). `:memory:` keeps them in the process.
 */
export class TreeHeadsFile {
  private readonly memory: SignedTreeHead[] = [];
  /** The last head shown, and when the file was read for it. */
  private lastShown: { readonly kept: KeptHead | null; readonly readAt: number } | null = null;

  /** @param now a monotonic clock in milliseconds (tests pass their own). */
  constructor(
    private readonly path: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  append(head: SignedTreeHead): void {
    if (this.path === ':memory:') {
      this.memory.push(head);
      return;
    }
    this.lastShown = null;
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(head)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The last head issued (a torn last line, never answered, is skipped), or null when none was: read now. */
  latest(): KeptHead | null {
    if (this.path === ':memory:') {
      const head = this.memory[this.memory.length - 1];
      return head ? { line: this.memory.length, head } : null;
    }
    if (!existsSync(this.path)) return null;
    const text = lastCompleteLine(this.path);
    return text === null ? null : parseLine(text, -1);
  }

  /**
   * {@link latest} for answers that show the last head (`GET /health` at every request), not for the checks before
   * a head is signed, which read the file each time. A head appended here is shown at once; a change by another
   * hand within SHOWN_RECHECK_MS, the file being read once in that interval at most.
   */
  latestShown(): KeptHead | null {
    if (this.path === ':memory:') return this.latest();
    const now = this.now();
    if (this.lastShown === null || now - this.lastShown.readAt >= SHOWN_RECHECK_MS) {
      this.lastShown = { kept: this.latest(), readAt: now };
    }
    return this.lastShown.kept;
  }

  /** Every line, in the order written. A last line without its newline was never completely written: skipped. */
  *all(): Iterable<KeptHead> {
    if (this.path === ':memory:') {
      yield* this.memory.map((head, i) => ({ line: i + 1, head }));
      return;
    }
    if (!existsSync(this.path)) return;
    let line = 0;
    for (const text of completeLines(this.path)) {
      line += 1;
      if (text.trim() === '') continue;
      yield parseLine(text, line);
    }
  }
}

function parseLine(text: string, line: number): KeptHead {
  try {
    return { line, head: parseSignedTreeHead(JSON.parse(text)) };
  } catch (error) {
    return { line, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The file's newline-terminated lines, read a chunk at a time (bounded memory however many heads there are). */
function* completeLines(path: string): Iterable<string> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for (let offset = 0; offset < size;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      offset += read;
      const lines = (carry + decoder.write(chunk.subarray(0, read))).split('\n');
      carry = lines.pop() ?? '';
      yield* lines;
    }
  } finally {
    closeSync(fd);
  }
}

/** The last newline-terminated line, from the file's tail: a head is a few hundred bytes. */
function lastCompleteLine(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 16 * 1024);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    const lines = tail.toString('utf8').split('\n');
    lines.pop();
    const complete = lines.filter((line) => line.trim() !== '');
    return complete.length > 0 ? complete[complete.length - 1] : null;
  } finally {
    closeSync(fd);
  }
}
