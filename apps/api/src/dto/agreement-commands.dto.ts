import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import {
  CLAIM_ID_PATTERN,
  DEATH_CAUSES,
  HEIR_RELATIONSHIPS,
  PAYMENT_ID_PATTERN,
  type DeathCause,
  type HeirRelationship,
} from '@pks/domain';
import { IsCalendarDate } from './calendar-date.validator';

export class ExtendPeriodDto {
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() newEnd!: string;
  @ApiPropertyOptional({ example: 1128960000, description: 'budget added to the ceiling, whole rupiah' })
  @IsOptional()
  @IsInt()
  @Min(0)
  additionalBudget?: number;
  @ApiProperty({ example: 'Perda APBD 2026' }) @IsString() @Length(1, 200) reference!: string;
}

export class HeirDto {
  @ApiProperty({ example: 'Yohana Bulu' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: HEIR_RELATIONSHIPS }) @IsIn(HEIR_RELATIONSHIPS) relationship!: HeirRelationship;
}

export class PayDeathBenefitDto {
  @ApiProperty({ example: 'sbd-jkm-0001' }) @Matches(CLAIM_ID_PATTERN) claimId!: string;
  @ApiProperty({ example: '5318014107900001' }) @Matches(/^\d{16}$/) nik!: string;
  @ApiProperty({ example: '2025-11-10' }) @IsCalendarDate() dateOfDeath!: string;
  @ApiProperty({ enum: DEATH_CAUSES }) @IsIn(DEATH_CAUSES) cause!: DeathCause;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => HeirDto) heir!: HeirDto;
  @ApiProperty({ example: '2025-11-13' }) @IsCalendarDate() paidOn!: string;
}

export class RecordPremiumPaymentDto {
  @ApiProperty({ example: 'sp2d-2025-10-0031' }) @Matches(PAYMENT_ID_PATTERN) paymentId!: string;
  @ApiProperty({ example: 94080000, description: 'whole rupiah' }) @IsInt() @Min(1) amount!: number;
  @ApiProperty({ example: '2025-10-15' }) @IsCalendarDate() paidOn!: string;
  @ApiProperty({ example: 'SP2D 0031/X/2025' }) @IsString() @Length(1, 200) reference!: string;
}

/** Body of a withdrawal or a termination: coverage ends the day before `effectiveDate`. */
export class EffectiveDateDto {
  @ApiProperty({ example: '2025-12-01' }) @IsCalendarDate() effectiveDate!: string;
  @ApiProperty({ example: 'became a wage earner' }) @IsString() @Length(1, 500) reason!: string;
}
