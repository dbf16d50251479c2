import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import {
  CLAIM_ID_PATTERN,
  DEATH_CAUSES,
  HEIR_RELATIONSHIPS,
  PAYMENT_ID_PATTERN,
  type DeathCause,
  type HeirRelationship,
} from '@pks/domain';

/** Transport shape only (see sign-agreement.dto.ts); the domain checks the values. */
export class ExtendPeriodDto {
  @ApiProperty({ example: '2026-12-31', format: 'date' }) @IsString() @Length(10, 10) newEnd!: string;
  @ApiPropertyOptional({
    type: 'integer',
    example: 1128960000,
    minimum: 0,
    description: 'budget added to the ceiling, whole rupiah',
  })
  @IsOptional()
  @IsInt()
  additionalBudget?: number;
  @ApiProperty({ example: 'Perda APBD 2026' }) @IsString() @Length(1, 200) reference!: string;
}

export class HeirDto {
  @ApiProperty({ example: 'Yohana Bulu' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: HEIR_RELATIONSHIPS }) @IsString() @Length(1, 32) relationship!: HeirRelationship;
}

export class PayDeathBenefitDto {
  @ApiProperty({ example: 'sbd-jkm-0001', pattern: CLAIM_ID_PATTERN.source })
  @IsString()
  @Length(1, 100)
  claimId!: string;
  @ApiProperty({ example: '5318014107900001', pattern: '^\\d{16}$' }) @IsString() @Length(16, 16) nik!: string;
  @ApiProperty({ example: '2025-11-10', format: 'date' }) @IsString() @Length(10, 10) dateOfDeath!: string;
  @ApiProperty({ enum: DEATH_CAUSES }) @IsString() @Length(1, 32) cause!: DeathCause;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => HeirDto) heir!: HeirDto;
  @ApiProperty({ example: '2025-11-13', format: 'date' }) @IsString() @Length(10, 10) paidOn!: string;
}

export class RecordPremiumPaymentDto {
  @ApiProperty({ example: 'sp2d-2025-10-0031', pattern: PAYMENT_ID_PATTERN.source })
  @IsString()
  @Length(1, 100)
  paymentId!: string;
  @ApiProperty({ type: 'integer', example: 94080000, minimum: 1, description: 'whole rupiah' })
  @IsInt()
  amount!: number;
  @ApiProperty({ example: '2025-10-29', format: 'date' }) @IsString() @Length(10, 10) paidOn!: string;
  @ApiProperty({ example: 'SP2D 0031/X/2025' }) @IsString() @Length(1, 200) reference!: string;
}

/** Body of a withdrawal or a termination: coverage ends the day before `effectiveDate`. */
export class EffectiveDateDto {
  @ApiProperty({ example: '2025-12-01', format: 'date' }) @IsString() @Length(10, 10) effectiveDate!: string;
  @ApiProperty({ example: 'became a wage earner' }) @IsString() @Length(1, 500) reason!: string;
}
