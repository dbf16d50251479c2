import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** API.md's one error shape; `code` is stable (the codes of each status are listed with each operation). */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', example: 422 }) statusCode!: number;
  @ApiProperty({ example: 'BUDGET_EXCEEDED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'what the code needs: bad fields, the budget ceiling, an incident id...' })
  details?: unknown;
}

export class PemdaResponse {
  @ApiProperty({ example: '53.18' }) regionCode!: string;
  @ApiProperty({ example: 'Kabupaten Sumba Barat Daya' }) name!: string;
}

export class BranchResponse {
  @ApiProperty({ example: 'SUMBA' }) code!: string;
  @ApiProperty() name!: string;
}

export class PeriodResponse {
  @ApiProperty({ format: 'date' }) start!: string;
  @ApiProperty({ format: 'date' }) end!: string;
  @ApiProperty({ format: 'date', description: 'the last day covered: the end, or the day before a termination' })
  lastCoveredDay!: string;
}

export class PageResponse {
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
  @ApiProperty({ type: 'integer' }) returned!: number;
}

/** Money components of a death benefit, in whole rupiah (lumpSum, periodic, funeral, deathCompensation...). */
export const RUPIAH_COMPONENTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;
