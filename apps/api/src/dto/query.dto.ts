import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant, QueryInteger } from './calendar-date.validator';

/** The consistency token every query accepts. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'wait (at most a few seconds) until this global position is applied',
  })
  @IsOptional()
  @QueryInteger(0)
  minPosition?: number;
}

export class EventsQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 1 }) @IsOptional() @QueryInteger(1) fromVersion?: number;
  @ApiPropertyOptional({ type: 'integer', default: 100, maximum: 1000 })
  @IsOptional()
  @QueryInteger(1, 1000)
  limit?: number;
}

export class StateQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'stream version to stop at' })
  @IsOptional()
  @QueryInteger(1)
  version?: number;

  @ApiPropertyOptional({ example: '2025-11-01T00:00:00Z', description: 'instant: the state as recorded up to it' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
