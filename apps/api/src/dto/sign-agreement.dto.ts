import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import {
  AGREEMENT_ID_PATTERN,
  DECLARED_INCOME,
  FUNDING_SOURCES,
  PROGRAMS,
  REGION_CODE_PATTERN,
  type FundingSource,
  type Program,
} from '@pks/domain';

/**
 * Request bodies check their transport shape only (types, lengths, sizes), before any state is read; the domain
 * checks what the values mean (patterns of ids, calendar dates, money ranges, enumerations) once, naming every
 * bad field. The documented patterns and enumerations below are the domain's.
 */
export class PemdaDto {
  @ApiProperty({
    example: '53.18',
    pattern: REGION_CODE_PATTERN.source,
    description: 'Kemendagri region code, PP or PP.KK',
  })
  @IsString()
  @Length(1, 5)
  regionCode!: string;

  @ApiProperty({ example: 'Kabupaten Sumba Barat Daya' }) @IsString() @Length(1, 200) name!: string;
}

export class BranchDto {
  @ApiProperty({ example: 'SUMBA' }) @IsString() @Length(1, 32) code!: string;
  @ApiProperty({ example: 'Kantor Cabang Sumba' }) @IsString() @Length(1, 200) name!: string;
}

export class CoverageDto {
  @ApiProperty({ example: '2025-10-01', format: 'date' }) @IsString() @Length(10, 10) start!: string;
  @ApiProperty({ example: '2025-12-31', format: 'date', description: 'inclusive' })
  @IsString()
  @Length(10, 10)
  end!: string;
}

export class FundingDto {
  @ApiProperty({ enum: FUNDING_SOURCES }) @IsString() @Length(1, 16) source!: FundingSource;
  @ApiProperty({ type: 'integer', example: 282240000, minimum: 0, description: 'budget ceiling, whole rupiah' })
  @IsInt()
  budget!: number;
}

export class SignAgreementDto {
  @ApiProperty({ example: 'sbd-2025-pks-01', pattern: AGREEMENT_ID_PATTERN.source })
  @IsString()
  @Length(1, 64)
  agreementId!: string;

  @ApiProperty({ example: '560/412/DISNAKERTRANS/X/2025' }) @IsString() @Length(1, 200) pksNumber!: string;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => PemdaDto) pemda!: PemdaDto;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => BranchDto) branch!: BranchDto;
  @ApiProperty({ example: '2025-10-28', format: 'date' }) @IsString() @Length(10, 10) signedOn!: string;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => CoverageDto) coverage!: CoverageDto;

  @ApiProperty({ enum: PROGRAMS, isArray: true, example: ['JKK', 'JKM'] })
  @IsArray()
  @IsString({ each: true })
  programs!: Program[];

  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FundingDto) funding!: FundingDto;

  @ApiPropertyOptional({
    type: 'integer',
    example: DECLARED_INCOME.default,
    minimum: DECLARED_INCOME.min,
    maximum: DECLARED_INCOME.max,
  })
  @IsOptional()
  @IsInt()
  defaultDeclaredIncome?: number;
}
