import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One read of workers' personal data in the clear: who (subject, role), when, through which route with which
 * parameters, and whom it named (the NIKs of the answer, or of a batch of an export's rows) or which stretch of
 * an agreement's history it showed. What a data-protection officer needs to answer "who looked at this person"
 * (UU 27/2022).
 */
export interface AccessRecord {
  readonly at: string;
  readonly subject: string;
  readonly role: string;
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** An export's format: its NIKs are logged a batch of rows at a time, each batch before it is written. */
  readonly format?: 'csv' | 'xlsx';
  readonly niks?: readonly string[];
  readonly agreementId?: string;
  readonly versions?: { readonly from: number; readonly to: number };
}

export const ACCESS_LOG = Symbol('ACCESS_LOG');

export interface AccessLog {
  record(entry: AccessRecord): void;
  close(): void;
}

/**
 * The access log as JSON lines appended to a file readable by its owner only (`-`: stdout). Each line is one
 * write(2) on a file opened for appending, so that lines of concurrent writers never interleave and a line is
 * in the file before the answer leaves.
 */
export class JsonLinesAccessLog implements AccessLog {
  private readonly fd: number;

  constructor(path: string) {
    if (path === '-') {
      this.fd = 1;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'a', 0o600);
    }
  }

  record(entry: AccessRecord): void {
    writeSync(this.fd, `${JSON.stringify({ log: 'access', ...entry })}\n`);
  }

  close(): void {
    if (this.fd !== 1) closeSync(this.fd);
  }
}
