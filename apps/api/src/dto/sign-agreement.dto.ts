import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGREEMENT_ID_PATTERN,
  DECLARED_INCOME,
  FUNDING_SOURCES,
  PROGRAMS,
  REGION_CODE_PATTERN,
  type FundingSource,
  type Program,
} from '@pks/domain';
import { IsCalendarDate } from './calendar-date.validator';

export class PemdaDto {
  @ApiProperty({ example: '53.18', description: 'Kemendagri region code, PP or PP.KK' })
  @Matches(REGION_CODE_PATTERN)
  regionCode!: string;

  @ApiProperty({ example: 'Kabupaten Sumba Barat Daya' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class BranchDto {
  @ApiProperty({ example: 'SUMBA' }) @IsString() @Length(1, 32) code!: string;
  @ApiProperty({ example: 'Kantor Cabang Sumba' }) @IsString() @Length(1, 200) name!: string;
}

export class CoverageDto {
  @ApiProperty({ example: '2025-10-01' }) @IsCalendarDate() start!: string;
  @ApiProperty({ example: '2025-12-31', description: 'inclusive' }) @IsCalendarDate() end!: string;
}

export class FundingDto {
  @ApiProperty({ enum: FUNDING_SOURCES }) @IsIn(FUNDING_SOURCES) source!: FundingSource;
  @ApiProperty({ example: 282240000, description: 'budget ceiling, whole rupiah' })
  @IsInt()
  @Min(0)
  budget!: number;
}

export class SignAgreementDto {
  @ApiProperty({ example: 'sbd-2025-pks-01', pattern: AGREEMENT_ID_PATTERN.source })
  @Matches(AGREEMENT_ID_PATTERN)
  agreementId!: string;

  @ApiProperty({ example: '560/412/DISNAKERTRANS/X/2025' }) @IsString() @Length(1, 200) pksNumber!: string;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => PemdaDto) pemda!: PemdaDto;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => BranchDto) branch!: BranchDto;
  @ApiProperty({ example: '2025-10-28' }) @IsCalendarDate() signedOn!: string;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => CoverageDto) coverage!: CoverageDto;

  @ApiProperty({ enum: PROGRAMS, isArray: true, example: ['JKK', 'JKM'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(PROGRAMS, { each: true })
  programs!: Program[];

  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FundingDto) funding!: FundingDto;

  @ApiPropertyOptional({ example: DECLARED_INCOME.default, minimum: DECLARED_INCOME.min, maximum: DECLARED_INCOME.max })
  @IsOptional()
  @IsInt()
  @Min(DECLARED_INCOME.min)
  @Max(DECLARED_INCOME.max)
  defaultDeclaredIncome?: number;
}
