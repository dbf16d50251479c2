import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventMetadataResponse {
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() commandId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ description: 'sha-256 (hex) of the event and previousHash' }) hash!: string;
  @ApiProperty({ type: 'string', nullable: true }) previousHash!: string | null;
  @ApiPropertyOptional({ example: 'reactor:death-spread' }) via?: string;
}

export class RecordedEventResponse {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ example: 'AgreementSigned' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: () => EventMetadataResponse }) metadata!: EventMetadataResponse;
}

export class EventsResponse {
  @ApiProperty({ type: () => [RecordedEventResponse] }) items!: RecordedEventResponse[];
}
