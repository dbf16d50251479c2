import type { CoveragePoint } from '@pks/projections';
import { sheet, type ExportColumn, type ExportDocument } from '../export-table';

/** Coverage over time of an agreement or a region: one row per month or per day. */
export function coverageExport(
  name: string,
  coverage: { interval: 'day' | 'month'; series: readonly CoveragePoint[] },
): ExportDocument {
  const columns: ExportColumn<CoveragePoint>[] = [
    {
      header: coverage.interval === 'month' ? 'Bulan' : 'Tanggal',
      kind: coverage.interval === 'month' ? 'month' : 'date',
      value: (p) => p.period,
    },
    { header: 'Peserta Terlindungi', kind: 'integer', value: (p) => p.coveredMembers, width: 20 },
    ...(coverage.interval === 'month'
      ? [{ header: 'Orang-Bulan', kind: 'integer' as const, value: (p: CoveragePoint) => p.personMonths ?? null }]
      : []),
  ];
  return {
    name: `cakupan-${name}-${coverage.interval === 'month' ? 'bulanan' : 'harian'}`,
    sheets: [sheet('Cakupan', columns, coverage.series)],
  };
}
