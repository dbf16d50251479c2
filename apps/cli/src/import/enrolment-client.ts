import { createHash } from 'node:crypto';
import type { MemberRow } from '@pks/domain';

/** What the import sends: a new cohort, in batches of at most 5,000 members (API.md's largest batch). */
export interface CohortImport {
  readonly baseUrl: string;
  /** The officer's bearer token, sent with every batch. */
  readonly token: string;
  readonly agreementId: string;
  readonly cohortId: string;
  readonly name: string;
  readonly effectiveFrom?: string;
  readonly members: readonly MemberRow[];
  /** sha256 of the file. */
  readonly digest: string;
  readonly batchSize: number;
}

/** The service refused a batch: its answer, for the operator. */
export class BatchRefusedError extends Error {
  constructor(
    readonly batch: number,
    readonly status: number,
    readonly problem: unknown,
    readonly retryAfter: string | null = null,
  ) {
    super(`batch ${batch} refused with ${status}: ${JSON.stringify(problem)}`);
  }
}

const ATTEMPTS = 6;
/** Answers after which the same request (same key) is simply sent again. */
const RETRY_STATUSES = new Set([409, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'IDEMPOTENCY_KEY_BUSY',
  'RATE_LIMITED',
  'STORE_UNAVAILABLE',
  'NOT_CAUGHT_UP',
  'INTERNAL_ERROR',
]);

/**
 * The key of one batch: from the file's content, what it is imported into and the batch's number. A re-run of
 * the same import (after a crash, a lost connection) sends each batch under the key it had: a batch already
 * enrolled answers its first answer and appends nothing, so the run finishes without duplicates.
 */
export function batchKey(plan: Omit<CohortImport, 'members' | 'baseUrl' | 'token'>, batch: number): string {
  const scope = [plan.digest, plan.agreementId, plan.cohortId, plan.name, plan.effectiveFrom ?? '', plan.batchSize];
  return `import-${createHash('sha256').update(scope.join('\n')).digest('hex').slice(0, 40)}-${batch}`;
}

export function batchesOf(plan: CohortImport): number {
  return Math.ceil(plan.members.length / plan.batchSize);
}

/** Sends batch `batch` (1-based): the first creates the cohort, the next ones add to it. */
export async function sendBatch(plan: CohortImport, batch: number): Promise<{ version: number; position: number }> {
  const members = plan.members.slice((batch - 1) * plan.batchSize, batch * plan.batchSize);
  const from = plan.effectiveFrom === undefined ? {} : { effectiveFrom: plan.effectiveFrom };
  const [path, body] =
    batch === 1
      ? [`/agreements/${plan.agreementId}/cohorts`, { cohortId: plan.cohortId, name: plan.name, ...from, members }]
      : [`/agreements/${plan.agreementId}/cohorts/${plan.cohortId}/members`, { ...from, members }];
  return post(plan, path, JSON.stringify(body), batchKey(plan, batch), batch);
}

async function post(plan: CohortImport, path: string, body: string, key: string, batch: number) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': key,
    authorization: `Bearer ${plan.token}`,
  };
  let lastError: Error = new Error('not sent');
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await pause(backoff(lastError, attempt));
    let res: Response;
    try {
      res = await fetch(new URL(path, plan.baseUrl), { method: 'POST', headers, body });
    } catch (error) {
      // A lost connection: the batch may have landed or not; the same key says which when sent again.
      lastError = error instanceof Error ? error : new Error(String(error));
      continue;
    }
    const answer = (await res.json().catch(() => null)) as { code?: string; version: number; position: number } | null;
    if (res.status === 201 && answer !== null) return { version: answer.version, position: answer.position };
    lastError = new BatchRefusedError(batch, res.status, answer, res.headers.get('retry-after'));
    if (!RETRY_STATUSES.has(res.status) || !RETRY_CODES.has(answer?.code ?? '')) throw lastError;
  }
  throw lastError;
}

/** Retry-After when the service said, else 0.5 s, 1 s, 2 s... up to 8 s. */
function backoff(error: Error, attempt: number): number {
  const seconds = error instanceof BatchRefusedError && error.retryAfter !== null ? Number(error.retryAfter) : NaN;
  return Number.isFinite(seconds) ? seconds * 1_000 : Math.min(8_000, 250 * 2 ** (attempt - 1));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
