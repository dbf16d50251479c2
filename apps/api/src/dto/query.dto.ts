import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** An ISO-8601 instant with its zone (Z or an offset): never read in the server's time zone. */
export const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The consistency token every query accepts. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'wait (at most a few seconds) until this global position is applied' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

export class EventsQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) fromVersion?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StateQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'stream version to stop at' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional({ description: 'UTC instant: the state as recorded up to it' })
  @IsOptional()
  @Matches(ZONED_INSTANT, { message: 'asOf must be an ISO-8601 instant with Z or an offset' })
  asOf?: string;
}
