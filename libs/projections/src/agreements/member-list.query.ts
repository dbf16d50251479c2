import type Database from 'better-sqlite3';
import {
  earliestExits,
  endsCoverageEarly,
  incomeInMonth,
  memberCoverageWindow,
  monthOf,
  personMonthsOf,
  type CoverageExit,
  type ExitReason,
  type IncomeTimeline,
} from '@pks/domain';
import { FIRST_PAGE, type Page, type ReadModelsReader } from '../page';
import { perDatabase } from '../per-database';
import { incomeTimelines, type IncomeChangeRow } from './income-timelines';

/** One member of an agreement's list, with its coverage here. */
export interface MemberListItem {
  readonly nik: string;
  readonly name: string;
  readonly cohortId: string;
  readonly occupation: string;
  readonly villageCode: string;
  /** The income enrolled with, and the one in force in the member's last covered month. */
  readonly declaredIncome: number;
  readonly currentDeclaredIncome: number;
  readonly incomeChanges: IncomeTimeline;
  readonly coverage: { readonly from: string; readonly to: string };
  readonly endedBy?: ExitReason;
  readonly personMonths: number;
}

interface MemberRow {
  nik: string;
  name: string;
  cohortId: string;
  occupation: string;
  villageCode: string;
  declaredIncome: number;
  coveredFrom: string;
}

const COLUMNS = `nik, name, cohort_id AS cohortId, occupation, village_code AS villageCode,
  declared_income AS declaredIncome, covered_from AS coveredFrom`;

const statements = perDatabase((db) => ({
  lastDay: db
    .prepare(
      `SELECT last_covered_day FROM rm_agreements_periods WHERE agreement_id = ?
      ORDER BY position DESC LIMIT 1`,
    )
    .pluck(),
  count: db.prepare('SELECT COUNT(*) FROM rm_agreements_members WHERE agreement_id = ?').pluck(),
  page: db.prepare(`SELECT ${COLUMNS} FROM rm_agreements_members WHERE agreement_id = ?
    ORDER BY nik LIMIT ? OFFSET ?`),
  after: db.prepare(`SELECT ${COLUMNS} FROM rm_agreements_members WHERE agreement_id = ? AND nik > ?
    ORDER BY nik LIMIT ?`),
  exits: db.prepare(`SELECT nik, last_day AS lastDay, reason FROM rm_agreements_exits
    WHERE agreement_id = ? AND nik BETWEEN ? AND ? ORDER BY position`),
  incomes: db.prepare(`SELECT c.nik, c.from_month AS fromMonth, c.declared_income AS declaredIncome,
      m.declared_income AS enrolledIncome FROM rm_agreements_income_changes c
    JOIN rm_agreements_members m ON m.nik = c.nik AND m.agreement_id = c.agreement_id
    WHERE c.agreement_id = ? AND c.nik BETWEEN ? AND ? ORDER BY c.position`),
}));

/** An agreement's members a page at a time, in NIK order, with the total; null when it does not exist. */
export function agreementMembers(db: Database.Database, agreementId: string, page: Page = FIRST_PAGE) {
  const sql = statements(db);
  const lastDay = sql.lastDay.get(agreementId) as string | undefined;
  if (lastDay === undefined) return null;
  const rows = sql.page.all(agreementId, page.limit, page.offset) as MemberRow[];
  return {
    agreementId,
    items: itemsOf(db, agreementId, lastDay, rows),
    total: sql.count.get(agreementId) as number,
    page: { ...page, returned: rows.length },
  };
}

/** Every member of an agreement in NIK order, a page at a time, each page read anew (for exports). */
export function* agreementMemberItems(read: ReadModelsReader, agreementId: string, pageSize = 2_000) {
  for (let after = ''; ;) {
    const page = read((db) => {
      const lastDay = statements(db).lastDay.get(agreementId) as string | undefined;
      const rows = statements(db).after.all(agreementId, after, pageSize) as MemberRow[];
      return lastDay === undefined ? [] : itemsOf(db, agreementId, lastDay, rows);
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].nik;
  }
}

function itemsOf(db: Database.Database, agreementId: string, lastDay: string, rows: MemberRow[]): MemberListItem[] {
  if (rows.length === 0) return [];
  const [first, last] = [rows[0].nik, rows[rows.length - 1].nik];
  const sql = statements(db);
  const exits = earliestExits(sql.exits.all(agreementId, first, last) as CoverageExit[]);
  const incomes = incomeTimelines(sql.incomes.all(agreementId, first, last) as IncomeChangeRow[]);
  return rows.map((row) => {
    const exit = exits.get(row.nik);
    const window = memberCoverageWindow(row.coveredFrom, lastDay, exit?.lastDay);
    const timeline = incomes.get(row.nik) ?? [];
    const endedEarly = exit !== undefined && endsCoverageEarly(exit.lastDay, lastDay);
    const { coveredFrom: _from, ...record } = row;
    return {
      ...record,
      currentDeclaredIncome: incomeInMonth(row.declaredIncome, timeline, monthOf(window.to)),
      incomeChanges: timeline,
      coverage: window,
      ...(endedEarly ? { endedBy: exit.reason } : {}),
      personMonths: personMonthsOf(window),
    };
  });
}
