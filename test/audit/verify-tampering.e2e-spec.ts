import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tamper from '@pks/event-store/testing/ledger-tampering';
import {
  buildAuditedLedger,
  cli,
  copyLedger,
  DECEASED,
  ledgerFiles,
  PALU,
  SBD,
  storedIdempotencyKey,
} from './support/audited-ledger';

/**
 * `npm run cli -- verify` on a real ledger made by the service, then edited behind its back as an auditor's fault
 * probe does (raw SQL, and the project's own hash function): every kind of tampering exits 1 and names the first
 * position, the stream and the kind; the same untouched file exits 0.
 *
 * Positions: 1 SBD signed, 2 PALU signed, 3 SBD cohort (keyed), 4 PALU cohort, 5 SBD payment (keyed),
 * 6 PALU payment, 7 SBD death benefit, 8 PALU MemberDied (reactor), 9 SBD payment.
 */
const sbd = `agreement-${SBD}`;
const palu = `agreement-${PALU}`;

describe('verify on a tampered ledger file', () => {
  let original: string;
  let dir: string;
  let path: string;

  beforeAll(async () => {
    original = await buildAuditedLedger();
  });
  afterAll(() => rmSync(original, { recursive: true, force: true }));
  beforeEach(() => {
    dir = copyLedger(original);
    path = ledgerFiles(dir).sqlitePath;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on the untouched file, every signed head checked', () => {
    const { exit, report } = cli(dir, 'verify');
    expect(exit).toBe(0);
    expect(report).toMatchObject({ result: 'intact', events: 9, streams: 2, findings: [], firstAffected: null });
    expect(report?.signedHeads).toMatchObject({ checked: 1 });
  });

  const payment = (amount: number) => ({
    paymentId: 'sp2d-sbd-1',
    amount,
    paidOn: '2025-10-15',
    reference: 'SP2D sp2d-sbd-1',
  });

  it.each([
    ['an edited event', () => tamper.editEventData(path, 5, payment(1)), 'event-edited', 5, sbd],
    [
      'an edited event whose hash was recomputed (and its stream relinked)',
      () => tamper.rewriteEventData(path, 5, payment(1)),
      'event-rewritten',
      5,
      sbd,
    ],
    ['an event deleted in the middle of its stream', () => tamper.deleteEvent(path, 3), 'event-missing', 3, sbd],
    [
      "a stream's last event deleted and its version row set back",
      () => tamper.deleteLastEventOf(path, palu),
      'event-missing',
      8,
      palu,
    ],
    ['a deleted stream (its events and version row)', () => tamper.deleteStream(path, palu), 'event-missing', 2, palu],
    [
      'an event appended behind the store, hashed and chained',
      () => tamper.appendForgedEvent(path, sbd, 'PremiumPaymentRecorded', payment(9)),
      'event-forged',
      10,
      sbd,
    ],
    ['two events of a stream swapped', () => tamper.swapPositions(path, 3, 5), 'events-reordered', 3, sbd],
    ['events of two streams swapped', () => tamper.swapPositions(path, 3, 4), 'events-reordered', 3, palu],
    [
      'an edited idempotency record',
      () => tamper.editIdempotencyRecord(path, storedIdempotencyKey('sp2d-sbd-1'), 'sha256:other-request'),
      'idempotency-record-mismatch',
      5,
      sbd,
    ],
    [
      'a deleted idempotency record',
      () => tamper.deleteIdempotencyRecord(path, storedIdempotencyKey('enrol-sbd-1')),
      'idempotency-record-mismatch',
      3,
      sbd,
    ],
    ['an edited version row', () => tamper.editVersionRow(path, sbd, 3), 'version-row-mismatch', 9, sbd],
    [
      'a deleted death key of the index (a second benefit could be paid)',
      () => tamper.deleteIndexRow(path, `death:${DECEASED}`),
      'index-row-mismatch',
      7,
      sbd,
    ],
    [
      'a lost tail, the log with it (a restored older copy)',
      () => tamper.truncateAfter(path, 6),
      'log-truncated',
      7,
      null,
    ],
    [
      'a consistent rewrite of history (events, chain and log rebuilt)',
      () => tamper.rewriteHistory(path, 5, payment(1)),
      'signed-head-mismatch',
      1,
      null,
    ],
  ])('exits 1 naming %s', (_, edit, kind, position, streamId) => {
    edit();
    const { exit, report } = cli(dir, 'verify');
    expect(exit).toBe(1);
    expect(report).toMatchObject({ result: 'tampered', firstAffected: { kind, position, streamId } });
  });

  describe('against a tree head an auditor kept, the service heads file gone', () => {
    let kept: string;
    beforeEach(() => {
      const published = cli(dir, 'tree-head');
      expect(published.exit).toBe(0);
      kept = join(dir, 'kept-head.json');
      writeFileSync(kept, published.stdout);
      rmSync(ledgerFiles(dir).treeHeadsPath);
    });

    it('passes while the ledger only grew', () => {
      expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({
        treeHead: { treeSize: 9 },
        publicKey: expect.stringMatching(/PUBLIC KEY/),
      });
      expect(cli(dir, 'verify', '--tree-head', kept)).toMatchObject({
        exit: 0,
        report: { result: 'intact', signedHeads: { checked: 1 } },
      });
    });

    it('fails after a truncation', () => {
      tamper.truncateAfter(path, 8);
      expect(cli(dir, 'verify').exit).toBe(0);
      const { exit, report } = cli(dir, 'verify', '--tree-head', kept);
      expect({ exit, first: report?.firstAffected }).toEqual({
        exit: 1,
        first: { kind: 'log-truncated', position: 9, streamId: null },
      });
    });

    it('fails after a rewrite', () => {
      tamper.rewriteHistory(path, 6, {
        paymentId: 'sp2d-palu-1',
        amount: 1,
        paidOn: '2025-10-20',
        reference: 'SP2D sp2d-palu-1',
      });
      expect(cli(dir, 'verify').exit).toBe(0);
      const { exit, report } = cli(dir, 'verify', '--tree-head', kept);
      expect({ exit, first: report?.firstAffected }).toEqual({
        exit: 1,
        first: { kind: 'signed-head-mismatch', position: 1, streamId: null },
      });
    });
  });
});
