import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AGREEMENT_ID_PATTERN, CALENDAR_RANGE, REGION_CODE_PATTERN } from '@pks/domain';
import { IsCalendarDate, IsInstant, QueryInteger } from './calendar-date.validator';
import { ANSWER_FORMATS, type AnswerFormat } from '../exports/export-format';
import { ConsistencyQueryDto } from './query.dto';

const FORMAT = {
  enum: ['json', 'csv', 'xlsx'],
  description: 'the answer as JSON (default), CSV or XLSX; the Accept header may ask the same',
} as const;

export class CoverageQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional(FORMAT) @IsOptional() @IsIn(ANSWER_FORMATS) format?: AnswerFormat;

  @ApiPropertyOptional({
    example: '2025-10-01',
    description: 'first day of the range (default: 12 months before `to`)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'last day of the range, inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['day', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['day', 'month'])
  interval?: 'day' | 'month';

  @ApiPropertyOptional({ example: '2025-11-15T00:00:00Z', description: 'coverage as recorded up to this instant' })
  @IsOptional()
  @IsInstant()
  asKnownAt?: string;
}

export class RegionCoverageQueryDto extends CoverageQueryDto {
  @ApiPropertyOptional({ example: '72', description: 'region prefix: 72 covers the province and its regencies' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN)
  regionCode?: string;
}

export class AgreementListQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ example: '72' }) @IsOptional() @Matches(REGION_CODE_PATTERN) regionCode?: string;
  @ApiPropertyOptional({ enum: ['active', 'expired', 'terminated'] })
  @IsOptional()
  @IsIn(['active', 'expired', 'terminated'])
  status?: 'active' | 'expired' | 'terminated';
}

/** A page of a long list: the totals of the answer always cover every match. */
export class PageQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ ...FORMAT, description: `${FORMAT.description}; an export holds every match` })
  @IsOptional()
  @IsIn(ANSWER_FORMATS)
  format?: AnswerFormat;

  @ApiPropertyOptional({ type: 'integer', default: 100, maximum: 1000 })
  @IsOptional()
  @QueryInteger(1, 1000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptional() @QueryInteger(0) offset?: number;
}

export class BenefitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(AGREEMENT_ID_PATTERN) agreementId?: string;
  @ApiPropertyOptional({ example: '73.24' }) @IsOptional() @Matches(REGION_CODE_PATTERN) regionCode?: string;
  @ApiPropertyOptional({ description: 'paid on or after' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'paid on or before' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class RegionQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ example: '72' }) @IsOptional() @Matches(REGION_CODE_PATTERN) regionCode?: string;
}

export class DoubleFundingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '72' }) @IsOptional() @Matches(REGION_CODE_PATTERN) regionCode?: string;
}

export class PremiumsQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional(FORMAT) @IsOptional() @IsIn(ANSWER_FORMATS) format?: AnswerFormat;

  @ApiPropertyOptional({ example: '2025-11-15T00:00:00Z', description: 'the figures as recorded up to this instant' })
  @IsOptional()
  @IsInstant()
  asKnownAt?: string;
}

export class ReconciliationQueryDto extends PremiumsQueryDto {
  @ApiPropertyOptional({ example: '72', description: 'region prefix: 72 covers the province and its regencies' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN)
  regionCode?: string;

  @ApiProperty({ type: 'integer', example: 2025, description: 'the APBD (fiscal) year' })
  @QueryInteger(CALENDAR_RANGE.firstYear, CALENDAR_RANGE.lastYear)
  year!: number;
}
