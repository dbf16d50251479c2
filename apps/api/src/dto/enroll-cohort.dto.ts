import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { COHORT_ID_PATTERN, DECLARED_INCOME, MAX_MEMBERS_PER_BATCH, VILLAGE_CODE_PATTERN } from '@pks/domain';
import { MemberRowsShape } from './member-rows.validator';

/** A member row as documented; rows are checked by one fast pass for their shape, then by the domain. */
export class MemberDto {
  @ApiProperty({ example: '5318014107900001', description: '16-digit NIK; its structure is checked per row' })
  nik!: string;
  @ApiProperty({ example: 'Maria Ngongo', maxLength: 200 }) name!: string;
  @ApiProperty({ example: 'nelayan', maxLength: 100 }) occupation!: string;
  @ApiProperty({ example: '53.18.01.2001', pattern: VILLAGE_CODE_PATTERN.source }) villageCode!: string;
  @ApiPropertyOptional({
    type: 'integer',
    example: DECLARED_INCOME.default,
    minimum: DECLARED_INCOME.min,
    maximum: DECLARED_INCOME.max,
  })
  declaredIncome?: number;
}

/** The next batch of an existing cohort. */
export class EnrollBatchDto {
  @ApiPropertyOptional({
    example: '2025-10-01',
    format: 'date',
    description: 'first covered day; default: the agreement start',
  })
  @IsOptional()
  @IsString()
  @Length(10, 10)
  effectiveFrom?: string;

  @ApiProperty({
    type: [MemberDto],
    minItems: 1,
    maxItems: MAX_MEMBERS_PER_BATCH,
    description: `1 to ${MAX_MEMBERS_PER_BATCH} members; a larger batch gets 413 PAYLOAD_TOO_LARGE`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS_PER_BATCH)
  @MemberRowsShape()
  members!: MemberDto[];
}

/** The first batch of a new cohort. */
export class EnrollCohortDto extends EnrollBatchDto {
  @ApiProperty({ example: 'berkah-nelayan', pattern: COHORT_ID_PATTERN.source })
  @IsString()
  @Length(1, 64)
  cohortId!: string;

  @ApiProperty({ example: 'Program Berkah Nelayan' }) @IsString() @Length(1, 200) name!: string;
}
