import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse, PemdaResponse, RUPIAH_COMPONENTS } from './common.response';

export class CoveragePointResponse {
  @ApiProperty({ example: '2025-10', description: 'a month (YYYY-MM) or a day (YYYY-MM-DD)' }) period!: string;
  @ApiProperty({ type: 'integer' }) coveredMembers!: number;
  @ApiPropertyOptional({ type: 'integer' }) personMonths?: number;
}

export class CoverageResponse {
  @ApiProperty({ enum: ['day', 'month'] }) interval!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asKnownAt?: string;
  @ApiProperty({ type: () => [CoveragePointResponse] }) series!: CoveragePointResponse[];
}

export class BenefitItemResponse {
  @ApiProperty() claimId!: string;
  @ApiProperty() agreementId!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty({ description: 'masked for viewers' }) nik!: string;
  @ApiProperty({ format: 'date' }) dateOfDeath!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiProperty({ enum: ['JKM', 'JKK'] }) program!: string;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty(RUPIAH_COMPONENTS) components!: Record<string, number>;
}

const COUNT_AND_AMOUNT: { type: 'object'; required: string[]; properties: Record<string, { type: 'integer' }> } = {
  type: 'object',
  required: ['count', 'amount'],
  properties: { count: { type: 'integer' }, amount: { type: 'integer' } },
};

export class BenefitTotalsByProgramResponse {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) amount!: number;
  @ApiProperty({ type: 'object', additionalProperties: COUNT_AND_AMOUNT }) byProgram!: Record<string, unknown>;
}

export class BenefitsResponse {
  @ApiProperty({ type: () => [BenefitItemResponse] }) items!: BenefitItemResponse[];
  @ApiProperty({ type: () => BenefitTotalsByProgramResponse }) totals!: BenefitTotalsByProgramResponse;
  @ApiPropertyOptional({ type: () => PageResponse }) page?: PageResponse;
}

export class PremiumMonthResponse {
  @ApiProperty({ example: '2025-10' }) month!: string;
  @ApiProperty({ type: 'integer' }) personMonths!: number;
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer', description: 'the part of the payments allocated to it, earliest month first' })
  paid!: number;
  @ApiProperty({ type: 'integer' }) outstanding!: number;
}

export class PaymentReversalResponse {
  @ApiProperty({ format: 'date' }) reversedOn!: string;
  @ApiProperty() reason!: string;
}

export class PaymentResponse {
  @ApiProperty() paymentId!: string;
  @ApiProperty({ type: 'integer' }) amount!: number;
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional({ type: () => PaymentReversalResponse, description: 'present once reversed: not paid' })
  reversal?: PaymentReversalResponse;
}

export class PremiumsResponse {
  @ApiPropertyOptional({ format: 'date-time' }) asKnownAt?: string;
  @ApiProperty({ type: 'integer' }) budget!: number;
  @ApiProperty({ type: () => [PremiumMonthResponse] }) months!: PremiumMonthResponse[];
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer' }) paid!: number;
  @ApiProperty({ type: 'integer' }) outstanding!: number;
  @ApiProperty({ type: 'integer' }) refundable!: number;
  @ApiProperty({ type: () => [PaymentResponse] }) payments!: PaymentResponse[];
}

export class PaymentsResponse {
  @ApiProperty() agreementId!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asKnownAt?: string;
  @ApiProperty({ type: () => [PaymentResponse] }) items!: PaymentResponse[];
  @ApiProperty({ type: 'integer', description: 'the payments not reversed' }) paid!: number;
}

export class MemberListItemResponse {
  @ApiProperty({ description: 'masked for viewers' }) nik!: string;
  @ApiProperty({ description: 'masked for viewers' }) name!: string;
  @ApiProperty() cohortId!: string;
  @ApiProperty() occupation!: string;
  @ApiProperty() villageCode!: string;
  @ApiProperty({ type: 'integer', description: 'the income enrolled with' }) declaredIncome!: number;
  @ApiProperty({ type: 'integer', description: "in force in the member's last covered month" })
  currentDeclaredIncome!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) incomeChanges!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true }) coverage!: Record<string, unknown>;
  @ApiPropertyOptional({ enum: ['death', 'withdrawal'] }) endedBy?: string;
  @ApiProperty({ type: 'integer' }) personMonths!: number;
}

export class MemberListResponse {
  @ApiProperty() agreementId!: string;
  @ApiProperty({ type: () => [MemberListItemResponse] }) items!: MemberListItemResponse[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiPropertyOptional({ type: () => PageResponse }) page?: PageResponse;
}

export class RegionPremiumsAgreementResponse {
  @ApiProperty() agreementId!: string;
  @ApiProperty({ type: () => PemdaResponse }) pemda!: PemdaResponse;
  @ApiProperty({ enum: ['APBD', 'APBD-P', 'APBDes', 'OTHER'] }) fundingSource!: string;
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer' }) paid!: number;
  @ApiProperty({ type: 'integer' }) outstanding!: number;
  @ApiProperty({ type: 'integer', description: "in the year of the agreement's last due month" }) refundable!: number;
  @ApiProperty({ type: 'integer', description: 'payments dated in the year, reversed ones left out' })
  paidInYear!: number;
  @ApiProperty({ type: () => [PremiumMonthResponse] }) months!: PremiumMonthResponse[];
}

export class RegionPremiumsResponse {
  @ApiProperty({ type: 'string', nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiPropertyOptional({ format: 'date-time' }) asKnownAt?: string;
  @ApiProperty({ type: () => [PremiumMonthResponse], description: 'the twelve months of the year' })
  months!: PremiumMonthResponse[];
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer' }) paid!: number;
  @ApiProperty({ type: 'integer' }) outstanding!: number;
  @ApiProperty({ type: 'integer' }) refundable!: number;
  @ApiProperty({ type: 'integer' }) paidInYear!: number;
  @ApiProperty({ type: () => [RegionPremiumsAgreementResponse] }) agreements!: RegionPremiumsAgreementResponse[];
}

export class DoublyFundedMonthResponse {
  @ApiProperty({ example: '2025-11' }) month!: string;
  @ApiProperty({ type: [String] }) agreements!: string[];
  @ApiProperty({ type: 'integer' }) premiumPaidTwice!: number;
}

export class DoubleFundingItemResponse {
  @ApiProperty() nik!: string;
  @ApiProperty({ type: [String], description: 'every agreement covering the worker in one of the months' })
  agreements!: string[];
  @ApiProperty({ type: [String] }) months!: string[];
  @ApiProperty({ type: () => [DoublyFundedMonthResponse] }) byMonth!: DoublyFundedMonthResponse[];
  @ApiProperty({ type: 'integer', description: 'each extra funding counted once (rule 11)' })
  premiumPaidTwice!: number;
}

export class DoubleFundingTotalsResponse {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) premiumPaidTwice!: number;
}

export class DoubleFundingResponse {
  @ApiProperty({ type: () => [DoubleFundingItemResponse] }) items!: DoubleFundingItemResponse[];
  @ApiProperty({ type: () => DoubleFundingTotalsResponse }) totals!: DoubleFundingTotalsResponse;
  @ApiPropertyOptional({ type: () => PageResponse }) page?: PageResponse;
}

export class MemberEnrolmentResponse {
  @ApiProperty() agreementId!: string;
  @ApiProperty({ type: () => PemdaResponse }) pemda!: PemdaResponse;
  @ApiProperty() cohortId!: string;
  @ApiProperty({ type: 'integer', description: 'the income enrolled with' }) declaredIncome!: number;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  incomeChanges?: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true }) coverage!: Record<string, unknown>;
  @ApiProperty({ type: 'integer' }) personMonths!: number;
}

export class MemberResponse {
  @ApiProperty() nik!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: () => [MemberEnrolmentResponse] }) agreements!: MemberEnrolmentResponse[];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) benefit!: Record<string, unknown> | null;
}

export class ReadModelsStatusResponse {
  @ApiProperty({ type: 'integer' }) generation!: number;
  @ApiProperty({ enum: ['live', 'stalled', 'rebuilding'] }) state!: string;
  @ApiProperty({ type: 'integer' }) appliedPosition!: number;
  @ApiProperty({ type: 'integer' }) quarantined!: number;
  @ApiProperty({ type: 'string', nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) quarantine!: unknown[];
}

/** `/health`: the status to anyone; the rest to signed-in callers only (a bearer token of any role). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiPropertyOptional({ enum: ['sqlite', 'memory', 'eventstoredb'] }) eventStore?: string;
  @ApiPropertyOptional({ type: 'integer' }) headPosition?: number;
  @ApiPropertyOptional({ type: 'integer' }) readModelPosition?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) readModels?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "the ledger's integrity as the service last checked it, and the last tree head it signed",
  })
  ledger?: Record<string, unknown>;
}

/** @nestjs/terminus's answer: each indicator under info (up) or error (down). */
export class ProbeResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) info!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) error!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}
