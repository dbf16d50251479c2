/** The shapes of the API's answers that the dashboard draws (API.md "Queries"). */
export interface AgreementListItem {
  agreementId: string;
  status: 'active' | 'expired' | 'terminated';
  pemda: { regionCode: string; name: string };
  branch: { code: string; name: string };
  pksNumber: string;
  signedOn: string;
  coverage: { start: string; end: string; lastCoveredDay: string };
  budget: number;
  members: number;
  expectedPremium: number;
  paidPremium: number;
  version: number;
}

export interface Summary extends Omit<AgreementListItem, 'coverage'> {
  coverage: { start: string; end: string; lastCoveredDay: string };
  programs: string[];
  funding: { source: string };
  cohorts: { cohortId: string; name: string; members: number }[];
  outstanding: number;
  refundable: number;
  benefits: { count: number; total: number };
  termination?: { effectiveDate: string; reason: string };
}

export interface CoverageSeries {
  interval: 'day' | 'month';
  series: { period: string; coveredMembers: number; personMonths?: number }[];
}

export interface Benefit {
  claimId: string;
  agreementId: string;
  regionCode: string;
  nik: string;
  dateOfDeath: string;
  paidOn: string;
  program: 'JKM' | 'JKK';
  total: number;
}

export interface Benefits {
  items: Benefit[];
  totals: { count: number; amount: number; byProgram: Record<'JKM' | 'JKK', { count: number; amount: number }> };
}

export interface PremiumMonth {
  month: string;
  personMonths?: number;
  expected: number;
  paid?: number;
  outstanding?: number;
}

export interface Premiums {
  months: PremiumMonth[];
  expected: number;
  paid: number;
  outstanding: number;
  refundable: number;
  payments: { paymentId: string; amount: number; paidOn: string; reference?: string }[];
}

export interface DoubleFunding {
  items: { nik: string; agreements: string[]; months: string[]; premiumPaidTwice: number }[];
  totals: { count?: number; premiumPaidTwice?: number } & Record<string, number | undefined>;
}

export interface HistoryEvent {
  version: number;
  position: number;
  type: string;
  data: unknown;
  metadata: { recordedAt: string; actor: string; hash: string; previousHash: string | null; via?: string };
}
