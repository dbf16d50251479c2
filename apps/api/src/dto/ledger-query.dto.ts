import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryInteger } from './calendar-date.validator';

export class InclusionProofQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the global position of the event' })
  @QueryInteger(1)
  position!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'the tree size to prove it in (default: the latest signed head)',
  })
  @IsOptional()
  @QueryInteger(1)
  treeSize?: number;
}

export class ConsistencyProofQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the size of the earlier tree (a head an auditor kept)' })
  @QueryInteger(1)
  from!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'the size of the later tree (default: the latest signed head)',
  })
  @IsOptional()
  @QueryInteger(1)
  to?: number;
}
