import type { agreementPayments, agreementPremiums, PaymentItem, regionPremiums } from '@pks/projections';
import { sheet, type ExportColumn, type ExportDocument } from '../export-table';

type Premiums = NonNullable<ReturnType<typeof agreementPremiums>>;
type Payments = NonNullable<ReturnType<typeof agreementPayments>>;
type RegionPremiums = ReturnType<typeof regionPremiums>;
type Month = Premiums['months'][number];
type AgreementYear = RegionPremiums['agreements'][number];

const MONTH_COLUMNS: ExportColumn<Month>[] = [
  { header: 'Bulan', kind: 'month', value: (m) => m.month },
  { header: 'Orang-Bulan', kind: 'integer', value: (m) => m.personMonths },
  { header: 'Iuran Seharusnya (Rp)', kind: 'money', value: (m) => m.expected, width: 22 },
  { header: 'Dibayar (Rp)', kind: 'money', value: (m) => m.paid, width: 18 },
  { header: 'Tunggakan (Rp)', kind: 'money', value: (m) => m.outstanding, width: 18 },
];

const PAYMENT_COLUMNS: ExportColumn<PaymentItem>[] = [
  { header: 'ID Pembayaran', kind: 'text', value: (p) => p.paymentId, width: 24 },
  { header: 'Tanggal Bayar', kind: 'date', value: (p) => p.paidOn },
  { header: 'Jumlah (Rp)', kind: 'money', value: (p) => p.amount, width: 18 },
  { header: 'Referensi SP2D', kind: 'text', value: (p) => p.reference, width: 28 },
  { header: 'Status', kind: 'text', value: (p) => (p.reversal === undefined ? 'tercatat' : 'dibatalkan') },
  { header: 'Tanggal Pembatalan', kind: 'date', value: (p) => p.reversal?.reversedOn ?? null, width: 20 },
  { header: 'Alasan Pembatalan', kind: 'text', value: (p) => p.reversal?.reason ?? null, width: 28 },
];

/** Rule 8 of one agreement: its months (expected, paid earliest first, outstanding), then its payments. */
export function premiumsExport(premiums: Premiums): ExportDocument {
  return {
    name: `iuran-${premiums.agreementId}`,
    sheets: [
      sheet('Iuran per Bulan', MONTH_COLUMNS, premiums.months),
      sheet('Pembayaran', PAYMENT_COLUMNS, premiums.payments),
    ],
  };
}

export function paymentsExport(payments: Payments): ExportDocument {
  return { name: `pembayaran-${payments.agreementId}`, sheets: [sheet('Pembayaran', PAYMENT_COLUMNS, payments.items)] };
}

const AGREEMENT_COLUMNS: ExportColumn<AgreementYear>[] = [
  { header: 'ID PKS', kind: 'text', value: (a) => a.agreementId, width: 24 },
  { header: 'Kode Wilayah', kind: 'text', value: (a) => a.pemda.regionCode },
  { header: 'Pemda', kind: 'text', value: (a) => a.pemda.name, width: 30 },
  { header: 'Sumber Dana', kind: 'text', value: (a) => a.fundingSource },
  { header: 'Iuran Seharusnya (Rp)', kind: 'money', value: (a) => a.expected, width: 22 },
  { header: 'Dibayar (Rp)', kind: 'money', value: (a) => a.paid, width: 18 },
  { header: 'Tunggakan (Rp)', kind: 'money', value: (a) => a.outstanding, width: 18 },
  { header: 'Lebih Bayar (Rp)', kind: 'money', value: (a) => a.refundable, width: 18 },
  { header: 'Dibayar dalam Tahun (Rp)', kind: 'money', value: (a) => a.paidInYear, width: 24 },
];

type AgreementMonth = Month & { agreementId: string };

const AGREEMENT_MONTH_COLUMNS: ExportColumn<AgreementMonth>[] = [
  { header: 'ID PKS', kind: 'text', value: (m) => m.agreementId, width: 24 },
  ...(MONTH_COLUMNS as ExportColumn<AgreementMonth>[]),
];

/** A region's APBD year: one row per agreement (what finance staff sign), the months, each agreement's months. */
export function regionPremiumsExport(report: RegionPremiums): ExportDocument {
  const perAgreementMonth = report.agreements.flatMap((a) =>
    a.months.map((m) => ({ ...m, agreementId: a.agreementId })),
  );
  return {
    name: `rekonsiliasi-iuran-${report.regionCode ?? 'nasional'}-${report.year}`,
    sheets: [
      sheet('Rekap per PKS', AGREEMENT_COLUMNS, report.agreements),
      sheet('Per Bulan', MONTH_COLUMNS, report.months),
      sheet('PKS per Bulan', AGREEMENT_MONTH_COLUMNS, perAgreementMonth),
    ],
  };
}
