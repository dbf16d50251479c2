import { Query } from '@nestjs/cqrs';
import type { AgreementSummary } from './agreement-summary.view';

/** API.md "event history": one stored event with its audit metadata. */
export interface HistoryItem {
  readonly version: number;
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: {
    readonly eventId: string;
    readonly recordedAt: string;
    readonly actor: string;
    readonly commandId: string;
    readonly correlationId: string;
    readonly causationId: string;
    readonly schemaVersion: number;
    readonly hash: string;
    readonly previousHash: string | null;
  };
}

export class GetAgreementEventsQuery extends Query<{ items: HistoryItem[]; nextVersion: number | null }> {
  constructor(
    readonly agreementId: string,
    readonly fromVersion: number,
    readonly limit: number,
  ) {
    super();
  }
}

/**
 * The agreement as it stood at a stream version, or as recorded up to an instant: an audit view folded from the
 * stream. The current summary is the read model's (`GET /agreements/{id}`).
 */
export class GetAgreementStateQuery extends Query<AgreementSummary & { asOf?: string }> {
  constructor(
    readonly agreementId: string,
    readonly at: { readonly version: number } | { readonly asOf: string },
  ) {
    super();
  }
}
