import { ApiProperty } from '@nestjs/swagger';
import { RUPIAH_COMPONENTS } from './common.response';

/** What every successful command answers (API.md "Commands"). */
export class CommandResultResponse {
  @ApiProperty({ example: 'sbd-2025-pks-01' }) agreementId!: string;
  @ApiProperty({ type: 'integer', description: "the agreement stream's version after the append" }) version!: number;
  @ApiProperty({ type: 'integer', description: 'global position of the last event appended (pass as minPosition)' })
  position!: number;
}

export class BenefitResponse {
  @ApiProperty({ enum: ['JKM', 'JKK'] }) program!: string;
  @ApiProperty(RUPIAH_COMPONENTS) components!: Record<string, number>;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty() scholarshipEligible!: boolean;
}

export class DeathBenefitResultResponse extends CommandResultResponse {
  @ApiProperty({ type: () => BenefitResponse }) benefit!: BenefitResponse;
}
