import { randomInt } from 'node:crypto';

/** Kinds of command the suite sends, one route of API.md each. */
export type CommandKind =
  'sign' | 'enrol-cohort' | 'enrol-batch' | 'extend' | 'payment' | 'death' | 'withdraw' | 'terminate';

/** A command with its Idempotency-Key, also sent as X-Correlation-Id so that its events name it. */
export interface ChaosCommand {
  readonly key: string;
  readonly kind: CommandKind;
  readonly agreementId: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** The member a death benefit or a withdrawal is about. */
  readonly nik?: string;
}

/**
 * How a command ended for its client: `acknowledged` (a 2xx arrived), `refused` (a 4xx the client cannot fix
 * by retrying), `unresolved` (no definitive answer before the client gave up).
 */
export type Outcome =
  | { readonly kind: 'acknowledged'; readonly status: number; readonly body: Record<string, unknown> }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string }
  | { readonly kind: 'unresolved' };

/** What the clients met on the way, for the figures. */
export interface ClientCounters {
  /** Requests whose connection failed (the service was killed or not up yet): outcome unknown, sent again. */
  transportErrors: number;
  /** 503 answers (STORE_UNAVAILABLE, NOT_CAUGHT_UP) and 409 CONCURRENT_MODIFICATION / IDEMPOTENCY_KEY_BUSY, retried. */
  retryLater: number;
  /** Any 5xx other than 503: must stay 0. */
  serverErrors: number;
  /** The bodies of those answers, for the report. */
  serverErrorBodies: string[];
}

export function newCounters(): ClientCounters {
  return { transportErrors: 0, retryLater: 0, serverErrors: 0, serverErrorBodies: [] };
}

/** Who the clients are: an admin (every kind of command), whose commands the service does not rate-limit. */
export const CHAOS_CLIENT = { sub: 'chaos-client', roles: ['admin' as const] };

const RETRY_LATER = new Set(['STORE_UNAVAILABLE', 'NOT_CAUGHT_UP', 'CONCURRENT_MODIFICATION', 'IDEMPOTENCY_KEY_BUSY']);
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends a command until it gets a definitive answer, always with the same Idempotency-Key and body: a request
 * whose connection broke may or may not have been applied, and only the key makes sending it again safe.
 */
export async function sendUntilAnswered(
  base: string,
  command: ChaosCommand,
  counters: ClientCounters,
  giveUpAt: number,
  token: string,
): Promise<Outcome> {
  while (Date.now() < giveUpAt) {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${base}${command.path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': command.key,
          'x-correlation-id': command.key,
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(command.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
    } catch {
      counters.transportErrors += 1;
      await pause();
      continue;
    }
    const body = parse(text);
    if (res.status >= 200 && res.status < 300) return { kind: 'acknowledged', status: res.status, body };
    const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
    if (RETRY_LATER.has(code)) {
      counters.retryLater += 1;
    } else if (res.status >= 500) {
      counters.serverErrors += 1;
      if (counters.serverErrorBodies.length < 20)
        counters.serverErrorBodies.push(`${command.kind} ${res.status} ${text}`);
    } else {
      return { kind: 'refused', status: res.status, code };
    }
    await pause();
  }
  return { kind: 'unresolved' };
}

function parse(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A short, jittered pause before sending again, so that restarted service is not hit by every client at once. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 30 + randomInt(120)));
}
