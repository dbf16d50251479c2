import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BranchResponse, PemdaResponse, PeriodResponse } from './common.response';

const STATUS = { enum: ['active', 'expired', 'terminated'] } as const;

export class CohortSummaryResponse {
  @ApiProperty() cohortId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) members!: number;
}

export class BenefitTotalsResponse {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class AgreementListItemResponse {
  @ApiProperty() agreementId!: string;
  @ApiProperty(STATUS) status!: string;
  @ApiProperty({ type: () => PemdaResponse }) pemda!: PemdaResponse;
  @ApiProperty({ type: () => BranchResponse }) branch!: BranchResponse;
  @ApiProperty() pksNumber!: string;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ type: () => PeriodResponse }) coverage!: PeriodResponse;
  @ApiProperty({ type: 'integer' }) budget!: number;
  @ApiProperty({ type: 'integer' }) members!: number;
  @ApiProperty({ type: 'integer' }) expectedPremium!: number;
  @ApiProperty({ type: 'integer' }) paidPremium!: number;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class AgreementListResponse {
  @ApiProperty({ type: () => [AgreementListItemResponse] }) items!: AgreementListItemResponse[];
}

/** API.md "summary" (also the state at a version or an instant, with `asOf`). */
export class AgreementSummaryResponse extends AgreementListItemResponse {
  @ApiProperty({ type: [String], example: ['JKK', 'JKM'] }) programs!: string[];
  @ApiProperty({ type: 'object', properties: { source: { type: 'string' } } }) funding!: { source: string };
  @ApiProperty({ type: () => [CohortSummaryResponse] }) cohorts!: CohortSummaryResponse[];
  @ApiProperty({ type: 'integer' }) outstanding!: number;
  @ApiProperty({ type: 'integer' }) refundable!: number;
  @ApiProperty({ type: () => BenefitTotalsResponse }) benefits!: BenefitTotalsResponse;
  @ApiPropertyOptional({ format: 'date-time', description: 'for /state?asOf=: the instant asked' }) asOf?: string;
}
