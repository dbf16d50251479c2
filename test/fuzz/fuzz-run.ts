import fc from 'fast-check';
import type { ClassContext } from './class-kit';
import type { Gen } from './draw';
import { errorCatalogue } from './error-codes';
import { generatorGaps, TargetPlan, VALID_BUILDERS, type Target } from './fuzz-classes';
import { renderPlan } from './fuzz-request';
import { FuzzTally } from './fuzz-report';
import { FuzzWorld } from './fuzz-world';
import { routesOf, type DocRoute, type OpenApiDocument } from './openapi-routes';
import { judge, TIME_BOUND_MS, type FuzzCase, type Observation, type Violation } from './oracle';
import { startService, type ServiceProcess } from './service-process';
import { SetupClient, SetupError } from './setup-client';
import { send, useBearer, type Answer } from './wire-client';

export interface FuzzOptions {
  readonly seed: number;
  readonly runs: number;
  /** Called every `progressEvery` cases (the long run prints a line). */
  readonly onProgress?: (done: number, tally: FuzzTally) => void;
  readonly progressEvery?: number;
}

export interface FuzzResult {
  readonly tally: FuzzTally;
  readonly routes: readonly DocRoute[];
  readonly gaps: { missing: string[]; stale: string[] };
  /** The service still answered `/health` with 200 after the last case. */
  readonly healthyAtEnd: boolean;
  readonly ms: number;
}

/** A running service with the two worlds set up on it (again, after a restart). */
interface Session {
  service: ServiceProcess;
  probe: SetupClient;
  ctx: ClassContext;
}

/** Runs `runs` cases drawn from `seed` against a fresh service; never throws for what the service does. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const tally = new FuzzTally();
  let session = await openSession();
  try {
    const { routes } = session.ctx;
    const gaps = generatorGaps(routes);
    if (gaps.missing.length > 0) return { tally, routes, gaps, healthyAtEnd: true, ms: Date.now() - started };
    const plan = new TargetPlan(session.ctx);
    const codes = errorCatalogue();
    const gens = fc.sample(fc.gen(), { seed: options.seed, numRuns: options.runs });
    for (let i = 0; i < gens.length; i++) {
      const target = plan.target(i, gens[i]);
      const outcome = await runCase(session, target, gens[i], codes);
      if (outcome.fuzz) tally.record(outcome.fuzz, outcome.seen!, outcome.violations);
      if (outcome.restart) {
        tally.restarts++;
        await session.service.stop({ kill: true });
        session = await openSession(session.ctx);
      }
      if (options.onProgress && (i + 1) % (options.progressEvery ?? 1000) === 0) options.onProgress(i + 1, tally);
    }
    const healthy = await session.probe.get('/health').then(
      (r) => r.status === 200,
      () => false,
    );
    return { tally, routes, gaps, healthyAtEnd: healthy, ms: Date.now() - started };
  } finally {
    await session.service.stop();
  }
}

async function openSession(previous?: ClassContext): Promise<Session> {
  const service = await startService();
  useBearer(service.token);
  const setup = new SetupClient(service.port);
  const probe = new SetupClient(service.port, TIME_BOUND_MS);
  const doc = (await setup.get('/docs-json')).body as OpenApiDocument;
  const routes = routesOf(doc);
  const ctx: ClassContext = {
    doc,
    routes,
    valid: previous ? previous.valid.reset(setup) : new FuzzWorld('valid', setup, '531801'),
    hostile: previous ? previous.hostile.reset(setup) : new FuzzWorld('hostile', setup, '720101'),
    validPlan: (route, world, g) => VALID_BUILDERS[route.key](world, g),
  };
  return { service, probe, ctx };
}

interface CaseOutcome {
  readonly fuzz?: FuzzCase;
  readonly seen?: Observation;
  readonly violations: Violation[];
  readonly restart: boolean;
}

async function runCase(
  session: Session,
  target: Target,
  g: Gen,
  codes: ReturnType<typeof errorCatalogue>,
): Promise<CaseOutcome> {
  const { ctx, probe, service } = session;
  const routeKey = target.route?.key ?? '*';
  let draft;
  try {
    draft = await target.cls.build(ctx, target.route, g);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return setupFailure(session, target.cls.name, routeKey, error.message);
  }
  const wire = draft.wire ?? renderPlan(draft.plan!);
  const fuzz: FuzzCase = {
    className: target.cls.name,
    routeKey,
    variant: draft.variant,
    where: draft.where,
    wire,
    expect: draft.expect,
    replay: draft.prelude !== undefined,
  };
  if (draft.prelude !== undefined) {
    const first = await send(service.port, renderPlan(draft.prelude), TIME_BOUND_MS);
    if (first.kind !== 'answered' || first.status !== 201) {
      const seen = { answer: first, headBefore: 0, headAfter: 0 };
      return {
        fuzz,
        seen,
        violations: [{ kind: 'valid request refused', detail: 'the first send of a retried command' }],
        restart: first.kind !== 'answered' && !(await alive(probe)),
      };
    }
  }
  const headBefore = await probe.head();
  const answer = await send(service.port, wire, TIME_BOUND_MS);
  const headAfter = await probe.head();
  const readBack = await readBackOf(service.port, fuzz, answer);
  const seen: Observation = { answer, headBefore, headAfter, readBack };
  const violations = judge(fuzz, seen, codes);
  const restart = (answer.kind === 'no-answer' || headAfter === null) && !(await alive(probe));
  if (restart) violations.push({ kind: 'service stopped answering /health', detail: 'restarted on a new store' });
  return { fuzz, seen, violations, restart };
}

/** After an accepted command: its agreement's history, from the version it answered. */
async function readBackOf(port: number, fuzz: FuzzCase, answer: Answer): Promise<Answer | undefined> {
  if (answer.kind !== 'answered' || answer.status !== 201 || fuzz.wire.method !== 'POST') return undefined;
  let body: { agreementId?: unknown; version?: unknown };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return undefined;
  }
  if (typeof body.agreementId !== 'string' || typeof body.version !== 'number') return undefined;
  const path = `/agreements/${encodeURIComponent(body.agreementId)}/events?fromVersion=${body.version}&limit=1`;
  return send(port, { method: 'GET', path, headers: {} }, TIME_BOUND_MS);
}

/** Waits up to 6 s for `/health`: a slow answer is a finding, a dead service needs a restart. */
async function alive(probe: SetupClient): Promise<boolean> {
  for (let i = 0; i < 3; i++) if ((await probe.head()) !== null) return true;
  return false;
}

async function setupFailure(
  session: Session,
  className: string,
  routeKey: string,
  message: string,
): Promise<CaseOutcome> {
  const answer: Answer = { kind: 'no-answer', reason: message, ms: 0 };
  const fuzz: FuzzCase = {
    className,
    routeKey,
    variant: 'set-up',
    where: '(set-up)',
    wire: { method: 'SETUP', path: '-', headers: {} },
    expect: { outcome: 'any' },
  };
  const restart = !(await alive(session.probe));
  return {
    fuzz,
    seen: { answer, headBefore: null, headAfter: null },
    violations: [{ kind: 'set-up failed', detail: message }],
    restart,
  };
}
