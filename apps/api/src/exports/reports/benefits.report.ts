import type { benefitItems } from '@pks/projections';
import { sheet, type ExportColumn, type ExportDocument } from '../export-table';

type Benefit = ReturnType<typeof benefitItems> extends Iterable<infer B> ? B : never;

const component = (name: string) => (b: Benefit) => b.components[name] ?? null;

const BENEFIT_COLUMNS: ExportColumn<Benefit>[] = [
  { header: 'ID Klaim', kind: 'text', value: (b) => b.claimId, width: 22 },
  { header: 'ID PKS', kind: 'text', value: (b) => b.agreementId, width: 22 },
  { header: 'Kode Wilayah', kind: 'text', value: (b) => b.regionCode },
  { header: 'NIK', kind: 'text', value: (b) => b.nik, width: 20 },
  { header: 'Tanggal Meninggal', kind: 'date', value: (b) => b.dateOfDeath, width: 18 },
  { header: 'Tanggal Bayar', kind: 'date', value: (b) => b.paidOn },
  { header: 'Program', kind: 'text', value: (b) => b.program },
  { header: 'Santunan Sekaligus (Rp)', kind: 'money', value: component('lumpSum'), width: 22 },
  { header: 'Santunan Kematian JKK (Rp)', kind: 'money', value: component('deathCompensation'), width: 26 },
  { header: 'Santunan Berkala (Rp)', kind: 'money', value: component('periodic'), width: 22 },
  { header: 'Biaya Pemakaman (Rp)', kind: 'money', value: component('funeral'), width: 22 },
  { header: 'Total (Rp)', kind: 'money', value: (b) => b.total, width: 18 },
  { header: 'Beasiswa', kind: 'text', value: (b) => (b.scholarshipEligible ? 'ya' : 'tidak') },
];

/** The benefits paid that match the filter, in payment order. */
export function benefitsExport(benefits: Iterable<Benefit>): ExportDocument {
  return { name: 'manfaat-kematian', sheets: [sheet('Manfaat Kematian', BENEFIT_COLUMNS, benefits)] };
}
