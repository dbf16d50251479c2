import {
  minDate, monthlyContribution, monthsOf, type CalendarDate, type CalendarMonth,
} from '@pks/domain';
import type { ReadModels } from '../read-models';
import { regionParams } from '../projected-event';

interface Enrolment {
  nik: string; agreementId: string; regionCode: string; coveredFrom: CalendarDate; income: number;
  lastCoveredDay: CalendarDate; exit: CalendarDate | null;
}

/**
 * Rule 11: a NIK covered by two agreements in the same month means the premium was paid twice. Both enrolments
 * stand; each overlapping pair is reported with its months and the premium paid twice (per month, the smaller
 * of the two contributions). With a region, pairs where either agreement belongs to it.
 */
export function doubleFunding(models: ReadModels, regionCode?: string) {
  const rows = models.db.prepare(`SELECT m.nik, m.agreement_id AS agreementId, a.region_code AS regionCode,
      m.covered_from AS coveredFrom, m.declared_income AS income,
      (SELECT last_covered_day FROM rm_periods p WHERE p.agreement_id = m.agreement_id ORDER BY position DESC LIMIT 1) AS lastCoveredDay,
      (SELECT MIN(last_day) FROM rm_coverage_exits e WHERE e.agreement_id = m.agreement_id AND e.nik = m.nik) AS exit
    FROM rm_double_enrolled d JOIN rm_members m ON m.nik = d.nik JOIN rm_agreements a ON a.agreement_id = m.agreement_id
    ORDER BY m.nik, m.agreement_id`).all() as Enrolment[];
  const region = regionParams(regionCode)[0];
  const items = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length && rows[j].nik === rows[i].nik; j++) {
      const [a, b] = [rows[i], rows[j]];
      if (region !== '' && !inRegion(a.regionCode, region) && !inRegion(b.regionCode, region)) continue;
      const months = overlap(monthsCovered(a), monthsCovered(b));
      if (months.length === 0) continue;
      const premiumPaidTwice = months.reduce(
        (sum, month) => sum + Math.min(monthlyContribution(month, a.income), monthlyContribution(month, b.income)), 0);
      items.push({ nik: a.nik, agreements: [a.agreementId, b.agreementId], months, premiumPaidTwice });
    }
  }
  return { items, totals: { count: items.length, premiumPaidTwice: items.reduce((s, x) => s + x.premiumPaidTwice, 0) } };
}

function monthsCovered(e: Enrolment): CalendarMonth[] {
  return monthsOf(e.coveredFrom, e.exit === null ? e.lastCoveredDay : minDate(e.exit, e.lastCoveredDay));
}

function overlap(a: CalendarMonth[], b: CalendarMonth[]): CalendarMonth[] {
  const inB = new Set(b);
  return a.filter((month) => inB.has(month));
}

function inRegion(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(`${prefix}.`);
}

