import type { DoubleFundingItem, MemberListItem } from '@pks/projections';
import { sheet, type ExportColumn, type ExportDocument } from '../export-table';

const ENDED_BY: Readonly<Record<string, string>> = { death: 'meninggal', withdrawal: 'keluar' };

const MEMBER_COLUMNS: ExportColumn<MemberListItem>[] = [
  { header: 'NIK', kind: 'text', value: (m) => m.nik, width: 20 },
  { header: 'Nama', kind: 'text', value: (m) => m.name, width: 28 },
  { header: 'Kohort', kind: 'text', value: (m) => m.cohortId, width: 20 },
  { header: 'Pekerjaan', kind: 'text', value: (m) => m.occupation, width: 20 },
  { header: 'Kode Desa', kind: 'text', value: (m) => m.villageCode, width: 16 },
  { header: 'Penghasilan Terdaftar (Rp)', kind: 'money', value: (m) => m.declaredIncome, width: 26 },
  { header: 'Penghasilan Terkini (Rp)', kind: 'money', value: (m) => m.currentDeclaredIncome, width: 24 },
  { header: 'Mulai Perlindungan', kind: 'date', value: (m) => m.coverage.from, width: 20 },
  { header: 'Akhir Perlindungan', kind: 'date', value: (m) => (m.personMonths > 0 ? m.coverage.to : null), width: 20 },
  { header: 'Berakhir Karena', kind: 'text', value: (m) => (m.endedBy ? ENDED_BY[m.endedBy] : null) },
  { header: 'Orang-Bulan', kind: 'integer', value: (m) => m.personMonths },
];

/** An agreement's member list, in NIK order, however long (rows are read as the file is written). */
export function membersExport(agreementId: string, members: Iterable<MemberListItem>): ExportDocument {
  return { name: `peserta-${agreementId}`, sheets: [sheet('Peserta', MEMBER_COLUMNS, members)] };
}

const DOUBLE_FUNDING_COLUMNS: ExportColumn<DoubleFundingItem>[] = [
  { header: 'NIK', kind: 'text', value: (d) => d.nik, width: 20 },
  { header: 'PKS', kind: 'text', value: (d) => d.agreements.join('; '), width: 40 },
  { header: 'Jumlah PKS', kind: 'integer', value: (d) => d.agreements.length },
  { header: 'Bulan', kind: 'text', value: (d) => d.months.join('; '), width: 30 },
  { header: 'Iuran Dibayar Ganda (Rp)', kind: 'money', value: (d) => d.premiumPaidTwice, width: 24 },
];

/** Rule 11's report: one row per worker, every agreement and month, the premium paid more than once. */
export function doubleFundingExport(
  regionCode: string | undefined,
  items: Iterable<DoubleFundingItem>,
): ExportDocument {
  return {
    name: `pendanaan-ganda-${regionCode ?? 'nasional'}`,
    sheets: [sheet('Pendanaan Ganda', DOUBLE_FUNDING_COLUMNS, items)],
  };
}
