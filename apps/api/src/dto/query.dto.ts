import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The consistency token every query accepts. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'wait (at most a few seconds) until this global position is applied' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minPosition?: number;
}

export class EventsQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) fromVersion?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class StateQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'stream version to stop at' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional({ description: 'UTC instant: the state as recorded up to it' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}
