import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, hashLeaf, toHex, type EventStore, type TransparencyLog } from '@pks/event-store';
import type { LedgerNotary } from '@pks/infrastructure';
import { ConsistencyProofQueryDto, InclusionProofQueryDto } from '../dto/ledger-query.dto';
import { HttpProblem } from '../http/http-problem';
import { ApiErrors } from '../http/responses/api-errors.decorator';
import { ConsistencyProofResponse, InclusionProofResponse, TreeHeadResponse } from '../http/responses/ledger.response';
import { LEDGER_NOTARY } from './ledger.tokens';

/**
 * The transparency log (RFC 9162 in spirit): the latest signed tree head, and proofs against any tree size the log
 * holds. An auditor checks a proof with nothing but hashes; `npm run cli -- verify-audit` does it offline.
 */
@ApiTags('ledger')
@ApiBearerAuth()
@ApiErrors([400, 401, 403, 500, 503], {
  400: ['VALIDATION_FAILED'],
  503: ['LEDGER_LOG_UNAVAILABLE', 'STORE_UNAVAILABLE'],
})
@Controller('ledger')
export class LedgerController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_NOTARY) private readonly notary: LedgerNotary | null,
  ) {}

  @Get('tree-head')
  @ApiOkResponse({ type: TreeHeadResponse })
  @ApiOperation({
    summary: 'The latest signed tree head: tree size, root hash, timestamp, Ed25519 signature, public key',
  })
  treeHead() {
    const notary = this.requireNotary();
    const head = notary.latest();
    if (head === null)
      throw new HttpProblem(
        503,
        'LEDGER_LOG_UNAVAILABLE',
        'no tree head has been signed yet (see /health); retry later',
      );
    return { ...head, publicKey: notary.publicKey() };
  }

  @Get('proofs/inclusion')
  @ApiOkResponse({ type: InclusionProofResponse })
  @ApiOperation({ summary: 'Audit path of the event at a position in a tree size (default: the latest signed head)' })
  async inclusion(@Query() q: InclusionProofQueryDto) {
    const log = this.requireLog();
    const treeSize = q.treeSize ?? (await this.signedSize(log));
    if (q.position > treeSize)
      throw outOfRange('position', `position ${q.position} is not in a tree of ${treeSize} events`);
    await this.requireWithin(log, 'treeSize', treeSize);
    const proof = await log.inclusionProof(q.position, treeSize);
    return { ...proof, leafHash: toHex(hashLeaf(proof.leaf)), rootHash: await log.rootHash(treeSize) };
  }

  @Get('proofs/consistency')
  @ApiOkResponse({ type: ConsistencyProofResponse })
  @ApiOperation({
    summary: 'Consistency path from an earlier tree size to a later one (default: the latest signed head)',
  })
  async consistency(@Query() q: ConsistencyProofQueryDto) {
    const log = this.requireLog();
    const to = q.to ?? (await this.signedSize(log));
    if (q.from > to) throw outOfRange('from', `from (${q.from}) is after to (${to})`);
    await this.requireWithin(log, 'to', to);
    const proof = await log.consistencyProof(q.from, to);
    return { ...proof, fromRootHash: await log.rootHash(q.from), toRootHash: await log.rootHash(to) };
  }

  private async signedSize(log: TransparencyLog): Promise<number> {
    return this.notary?.latest()?.treeSize ?? (await log.size());
  }

  private async requireWithin(log: TransparencyLog, field: string, size: number): Promise<void> {
    const held = await log.size();
    if (size > held) throw outOfRange(field, `the log holds ${held} events, not ${size}`);
  }

  private requireLog(): TransparencyLog {
    if (this.store.transparencyLog === undefined) throw unavailable();
    return this.store.transparencyLog();
  }

  private requireNotary(): LedgerNotary {
    if (this.notary === null) throw unavailable();
    return this.notary;
  }
}

function outOfRange(field: string, reason: string): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_FAILED', reason, [{ path: field, reason }]);
}

function unavailable(): HttpProblem {
  return new HttpProblem(
    503,
    'LEDGER_LOG_UNAVAILABLE',
    'this store keeps no transparency log (EventStoreDB): no tree heads or proofs',
  );
}
