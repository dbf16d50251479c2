import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const HASH = { pattern: '^[0-9a-f]{64}$', description: 'sha-256, lowercase hex' } as const;

export class TreeHeadResponse {
  @ApiProperty({ type: 'integer', description: 'events in the tree' }) treeSize!: number;
  @ApiProperty({ ...HASH, description: 'RFC 9162 Merkle root of the first treeSize events' }) rootHash!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty({ ...HASH, description: "sha-256 of the signing key's public key (SPKI DER)" }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature (base64) of the head' }) signature!: string;
  @ApiProperty({ description: 'the public key (SPKI PEM) the head verifies with' }) publicKey!: string;
}

export class IdempotencyBindingResponse {
  @ApiProperty(HASH) keyHash!: string;
  @ApiProperty() requestHash!: string;
}

export class LogLeafResponse {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ ...HASH, description: "the event's chain hash" }) eventHash!: string;
  @ApiPropertyOptional({ type: () => IdempotencyBindingResponse }) idempotency?: IdempotencyBindingResponse;
}

export class InclusionProofResponse {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'integer', description: 'position - 1' }) leafIndex!: number;
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty({ type: () => LogLeafResponse }) leaf!: LogLeafResponse;
  @ApiProperty({ ...HASH, description: 'sha-256(0x00 || canonical JSON of the leaf)' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 inclusion path, from the leaf up' }) auditPath!: string[];
  @ApiProperty({ ...HASH, description: 'the root at treeSize, for convenience: check it against a signed head' })
  rootHash!: string;
}

export class ConsistencyProofResponse {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency path' }) consistencyPath!: string[];
  @ApiProperty(HASH) fromRootHash!: string;
  @ApiProperty(HASH) toRootHash!: string;
}
