import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COHORT_ID_PATTERN, DECLARED_INCOME, MAX_MEMBERS_PER_BATCH, VILLAGE_CODE_PATTERN } from '@pks/domain';
import { IsCalendarDate } from './calendar-date.validator';

export class MemberDto {
  @ApiProperty({ example: '5318014107900001', description: '16-digit NIK; its structure is checked per row' })
  @IsString()
  nik!: string;

  @ApiProperty({ example: 'Maria Ngongo' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'nelayan' }) @IsString() @Length(1, 100) occupation!: string;
  @ApiProperty({ example: '53.18.01.2001', pattern: VILLAGE_CODE_PATTERN.source })
  @Matches(VILLAGE_CODE_PATTERN)
  villageCode!: string;

  @ApiPropertyOptional({ example: DECLARED_INCOME.default, minimum: DECLARED_INCOME.min, maximum: DECLARED_INCOME.max })
  @IsOptional()
  @IsInt()
  @Min(DECLARED_INCOME.min)
  @Max(DECLARED_INCOME.max)
  declaredIncome?: number;
}

/** The next batch of an existing cohort. */
export class EnrollBatchDto {
  @ApiPropertyOptional({ example: '2025-10-01', description: 'first covered day; default: the agreement start' })
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;

  @ApiProperty({
    type: [MemberDto],
    minItems: 1,
    maxItems: MAX_MEMBERS_PER_BATCH,
    description: `1 to ${MAX_MEMBERS_PER_BATCH} members; a larger batch gets 413 PAYLOAD_TOO_LARGE`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];
}

/** The first batch of a new cohort. */
export class EnrollCohortDto extends EnrollBatchDto {
  @ApiProperty({ example: 'berkah-nelayan', pattern: COHORT_ID_PATTERN.source })
  @Matches(COHORT_ID_PATTERN)
  cohortId!: string;

  @ApiProperty({ example: 'Program Berkah Nelayan' }) @IsString() @Length(1, 200) name!: string;
}
