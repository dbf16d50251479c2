import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSignedBy } from '@pks/event-store';
import { E2E_ADMIN } from '../e2e/support/tokens';
import { buildAuditedLedger, cli, copyLedger, DECEASED, ledgerFiles, PALU, SBD } from './support/audited-ledger';

/**
 * The auditor's CLI on a real ledger: tree-head to publish, replay of a history with what each event changed,
 * export-audit of one agreement into a self-contained file, and verify-audit checking it offline.
 * The SBD agreement: v1 signed, v2 cohort of 10, v3 payment Rp100,000, v4 death benefit, v5 payment Rp50,000.
 */
describe('the auditor CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyLedger(await buildAuditedLedger());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tree-head prints the current signed head and its public key, signing nothing new when nothing grew', () => {
    const lines = () => readFileSync(ledgerFiles(dir).treeHeadsPath, 'utf8').trim().split('\n').length;
    const before = lines();
    const first = cli(dir, 'tree-head');
    expect(first.exit).toBe(0);
    const { treeHead, publicKey } = first.report as { treeHead: { treeSize: number }; publicKey: string };
    expect(treeHead.treeSize).toBe(9);
    expect(isSignedBy(treeHead as never, publicKey)).toBe(true);
    expect(cli(dir, 'tree-head').report).toEqual(first.report);
    expect(lines()).toBe(before);
  });

  it('replay shows each event in order with who recorded it and what it changed', () => {
    const { exit, stdout } = cli(dir, 'replay', '--agreement', SBD, '--json');
    expect(exit).toBe(0);
    const steps = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(steps.map((s) => [s.version, s.position, s.type])).toEqual([
      [1, 1, 'AgreementSigned'],
      [2, 3, 'CohortEnrolled'],
      [3, 5, 'PremiumPaymentRecorded'],
      [4, 7, 'DeathBenefitPaid'],
      [5, 9, 'PremiumPaymentRecorded'],
    ]);
    // Every command came with the e2e admin's token: its subject recorded them, acting as admin.
    expect(steps.map((s) => [s.actor, s.role])).toEqual(Array(5).fill([E2E_ADMIN.sub, 'admin']));
    expect(steps[2].changes).toEqual(
      expect.arrayContaining([
        { field: 'paidPremium', before: 0, after: 100_000 },
        { field: 'outstanding', before: 504_000, after: 404_000 },
      ]),
    );
    expect(steps[3].changes).toEqual(
      expect.arrayContaining([{ field: 'benefits.total', before: 0, after: 42_000_000 }]),
    );
  });

  it('replay names the reactor that recorded a death on the other agreement, and stops at --to-version', () => {
    const text = cli(dir, 'replay', '--agreement', PALU, '--to-version', '4').stdout;
    expect(text).toMatch(
      /^v4 \(position 8\) \S+ MemberDied by e2e-admin \(admin\) via reactor:death-spread\n {4}expectedPremium: 504000 -> 487200$/m,
    );
    expect(
      cli(dir, 'replay', '--agreement', SBD, '--to-version', '2', '--json').stdout.trim().split('\n'),
    ).toHaveLength(2);
    expect(cli(dir, 'replay', '--agreement', 'no-such-agreement').exit).toBe(1);
    expect(cli(dir, 'replay', '--agreement', SBD, '--to-version', '0x2').exit).toBe(64);
  });

  describe('an audit file', () => {
    let file: string;
    beforeAll(() => {
      file = join(dir, 'audit-sbd.json');
      expect(cli(dir, 'export-audit', '--agreement', SBD, '--out', file)).toMatchObject({
        exit: 0,
        report: { events: 5, people: 1, treeSize: 9 },
      });
    });
    const audit = () => JSON.parse(readFileSync(file, 'utf8'));
    /** verify-audit with no database: the store's path leads nowhere, and nothing is created there. */
    const verifyAudit = (path: string, ...args: string[]) => {
      const nowhere = join(dir, 'no-database-here');
      const run = cli(nowhere, 'verify-audit', path, ...args);
      expect(existsSync(nowhere)).toBe(false);
      return run;
    };
    const edited = (change: (content: ReturnType<typeof audit>) => void) => {
      const content = audit();
      change(content);
      const path = join(dir, `edited-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };

    it('holds the agreement from version 1, the facts of the deceased person and the events holding them', () => {
      const content = audit();
      expect(content.events.map((e: { event: { version: number } }) => e.event.version)).toEqual([1, 2, 3, 4, 5]);
      expect(content.people).toEqual([
        expect.objectContaining({
          nik: DECEASED,
          facts: expect.arrayContaining([
            expect.objectContaining({ key: `death:${DECEASED}`, position: 7 }),
            expect.objectContaining({ key: `member:${DECEASED}`, position: 4, streamId: `agreement-${PALU}` }),
          ]),
        }),
      ]);
      expect(content.people[0].events.map((e: { event: { position: number } }) => e.event.position)).toEqual([4]);
    });

    it('is valid offline, with the state its history folds to', () => {
      const { exit, report } = verifyAudit(file);
      expect(exit).toBe(0);
      expect(report).toMatchObject({
        result: 'valid',
        events: 5,
        people: 1,
        failures: [],
        finalState: { paidPremium: 150_000, benefits: { count: 1 } },
      });
    });

    it.each([
      ['an edited amount', (c: any) => (c.events[2].event.data.amount = 1), 'event-edited'],
      ['an event dropped from the history', (c: any) => c.events.splice(1, 1), 'history-incomplete'],
      ['a leaf of another event', (c: any) => (c.events[2].leaf = c.events[3].leaf), 'leaf-mismatch'],
      ['an audit path cut short', (c: any) => c.events[0].auditPath.pop(), 'not-in-log'],
      ['another root in the tree head', (c: any) => (c.treeHead.rootHash = 'ab'.repeat(32)), 'tree-head-signature'],
      [
        'a fact no event of the file gives',
        (c: any) => (c.people[0].facts[0].key = 'death:5318010101800001'),
        'fact-unsupported',
      ],
    ])('is invalid with %s, exit 1 naming it', (_, change, what) => {
      const { exit, report } = verifyAudit(edited(change));
      expect(exit).toBe(1);
      expect((report?.failures as { what: string }[]).map((f) => f.what)).toContain(what);
    });

    it('is invalid when signed by another key than the one the auditor pinned, and unreadable is exit 2', () => {
      const pinned = join(dir, 'other-key.pem');
      writeFileSync(pinned, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string);
      expect(verifyAudit(file, '--public-key', pinned)).toMatchObject({
        exit: 1,
        report: { failures: [{ what: 'key-not-pinned' }] },
      });
      writeFileSync(join(dir, 'not-json.json'), '{ no');
      expect(verifyAudit(join(dir, 'not-json.json')).exit).toBe(2);
    });
  });
});
