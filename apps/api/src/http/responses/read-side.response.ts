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
  @ApiPropertyOptional({ type: 'integer' }) personMonths?: number;
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiPropertyOptional({ type: 'integer' }) paid?: number;
  @ApiPropertyOptional({ type: 'integer' }) outstanding?: number;
}

export class PaymentResponse {
  @ApiProperty() paymentId!: string;
  @ApiProperty({ type: 'integer' }) amount!: number;
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiPropertyOptional() reference?: string;
}

export class PremiumsResponse {
  @ApiProperty({ type: () => [PremiumMonthResponse] }) months!: PremiumMonthResponse[];
  @ApiProperty({ type: 'integer' }) expected!: number;
  @ApiProperty({ type: 'integer' }) paid!: number;
  @ApiProperty({ type: 'integer' }) outstanding!: number;
  @ApiProperty({ type: 'integer' }) refundable!: number;
  @ApiProperty({ type: () => [PaymentResponse] }) payments!: PaymentResponse[];
}

export class DoubleFundingItemResponse {
  @ApiProperty() nik!: string;
  @ApiProperty({ type: [String] }) agreements!: string[];
  @ApiProperty({ type: [String] }) months!: string[];
  @ApiProperty({ type: 'integer' }) premiumPaidTwice!: number;
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
  @ApiProperty({ type: 'integer' }) declaredIncome!: number;
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
