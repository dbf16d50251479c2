/**
 * Commands over HTTP from 64 concurrent clients against the real app in its own process (SQLITE_SYNCHRONOUS of
 * the run, FULL by default, on a fresh file), one of two workloads:
 * - `payments`: premium payments only, on many agreements (its limit: the same store's appends in-process);
 * - `mix`: 90% premium payments, 5% enrolments of 1,000 members, 5% death-benefit claims on members enrolled
 *   beforehand (BENCH_COMMANDS_MIX changes the shares, for diagnosis).
 * Closed loop: each client sends its next command when the previous one is answered, for a fixed duration. Every
 * answer is counted by status and code; only 201s count as commands done.
 *   node -r @swc-node/register bench/scenarios/commands.scenario.ts --size small|large --workload payments|mix
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../generator/random';
import { benchNik } from '../support/bench-nik';
import { errorCode, HttpClient } from '../support/http-client';
import { arg, cpuSeconds, emit, latencyStats, progress, round, runScenario } from '../support/scenario-io';
import { sampleServerMemory } from '../support/server-memory';
import { startServer } from '../support/server-process';

const CLIENTS = 64;
const AGREEMENTS = Number(process.env.BENCH_COMMANDS_AGREEMENTS ?? 1_000);
const INITIAL_MEMBERS = 20;
const ENROLMENT = 1_000;
const WORKLOADS = ['payments', 'mix'] as const;
type Workload = (typeof WORKLOADS)[number];
const SECONDS: Record<string, number> = { small: 15, medium: 20, large: 30 };

type Kind = 'payment' | 'enrolment' | 'claim';

async function main(): Promise<void> {
  const size = arg('size', 'small');
  const workload = arg('workload', 'mix') as Workload;
  if (!WORKLOADS.includes(workload)) throw new Error(`--workload must be one of ${WORKLOADS.join(', ')}`);
  /** Share of each kind of command. */
  const shares = workload === 'payments' ? mix('1,0,0') : mix(process.env.BENCH_COMMANDS_MIX ?? '0.9,0.05,0.05');
  const key = (name: string) => `commands.${workload}.${name}`;
  const seconds = Number(process.env.BENCH_COMMANDS_SECONDS ?? SECONDS[size] ?? 15);
  const synchronous = process.env.SQLITE_SYNCHRONOUS ?? 'FULL';
  const dir = mkdtempSync(join(tmpdir(), 'pks-commands-'));
  const server = await startServer({ SQLITE_PATH: join(dir, 'ledger.sqlite'), SQLITE_SYNCHRONOUS: synchronous });
  const http = new HttpClient(server.base, CLIENTS, server.token);
  try {
    let nextNik = 0;
    const ids = Array.from({ length: AGREEMENTS }, (_, a) => `bench-${String(a).padStart(4, '0')}`);
    const claimable: { agreementId: string; nik: string }[] = [];
    progress(
      `commands (${workload}): setting up ${AGREEMENTS} agreements of ${INITIAL_MEMBERS} members (${CLIENTS} clients)`,
    );
    const setupStarted = performance.now();
    await pool(CLIENTS, ids, async (id, a) => {
      const signed = await http.json('POST', '/agreements', signBody(id, a));
      if (signed.status !== 201) throw new Error(`sign ${id}: ${signed.status} ${JSON.stringify(signed.body)}`);
      const rows = memberRows(nextNik, INITIAL_MEMBERS);
      nextNik += INITIAL_MEMBERS;
      const enrolled = await http.json('POST', `/agreements/${id}/cohorts`, {
        cohortId: 'rentan',
        name: 'Pekerja Rentan',
        members: rows,
      });
      if (enrolled.status !== 201) throw new Error(`enrol ${id}: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
      for (const row of rows) claimable.push({ agreementId: id, nik: row.nik });
    });
    progress(
      `commands (${workload}): set up in ${round((performance.now() - setupStarted) / 1000)} s; loading for ${seconds} s`,
    );

    const random = new Random(4242);
    for (let i = claimable.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [claimable[i], claimable[j]] = [claimable[j], claimable[i]];
    }
    const latencies: Record<Kind, number[]> = { payment: [], enrolment: [], claim: [] };
    const failures = new Map<string, number>();
    const done: Record<Kind, number> = { payment: 0, enrolment: 0, claim: 0 };
    let sent = 0;
    let networkErrors = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const serverCpuBefore = cpuSeconds(server.pid);
    const memory = sampleServerMemory(server.pid, http);
    const client = async (c: number) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const r = random.next();
        let kind: Kind = r < shares.payment ? 'payment' : r < shares.payment + shares.enrolment ? 'enrolment' : 'claim';
        if (kind === 'claim' && claimable.length === 0) kind = 'payment';
        const id = ids[random.int(0, AGREEMENTS - 1)];
        let path: string;
        let body: unknown;
        if (kind === 'payment') {
          path = `/agreements/${id}/premium-payments`;
          body = {
            paymentId: `sp2d-${c}-${i}`,
            amount: 16_800_000,
            paidOn: '2025-10-15',
            reference: `SP2D ${c}/${i}/X/2025`,
          };
        } else if (kind === 'enrolment') {
          path = `/agreements/${id}/cohorts/rentan/members`;
          body = { members: memberRows(nextNik, ENROLMENT) };
          nextNik += ENROLMENT;
        } else {
          const claim = claimable.pop() as { agreementId: string; nik: string };
          path = `/agreements/${claim.agreementId}/death-benefits`;
          body = {
            claimId: `klaim-${claim.nik}`,
            nik: claim.nik,
            dateOfDeath: '2025-06-10',
            cause: random.chance(0.2) ? 'work-accident' : 'natural',
            heir: { name: 'Ahli Waris', relationship: 'spouse' },
            paidOn: '2025-06-13',
          };
        }
        sent++;
        try {
          const answer = await http.post(path, body);
          if (answer.status === 201) {
            done[kind]++;
            latencies[kind].push(answer.ms);
          } else {
            const key = `${kind} ${answer.status} ${errorCode(answer.text) || answer.text.slice(0, 80)}`;
            failures.set(key, (failures.get(key) ?? 0) + 1);
          }
        } catch (error) {
          networkErrors++;
          const key = `${kind} network ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const elapsed = (performance.now() - started) / 1000;
    // The CPU first: stopping the sampler waits for its last sample, up to a second the load is not in.
    const serverCpuAfter = cpuSeconds(server.pid);
    const peakMemory = await memory.stop();
    const total = done.payment + done.enrolment + done.claim;
    const all = latencyStats([...latencies.payment, ...latencies.enrolment, ...latencies.claim]);
    const errors = Object.fromEntries([...failures.entries()].sort((a, b) => b[1] - a[1]));
    const failed = sent - total;
    emit({
      key: key('rate'),
      label: `${workloadLabel(workload, shares)}: commands/s (201s), ${CLIENTS} clients for ${round(elapsed, 1)} s, synchronous=${synchronous}`,
      value: Math.round(total / elapsed),
      unit: 'commands/s',
      stat: 'value',
      n: total,
      sent,
      failed,
      networkErrors,
      limitKey: `limit-appends.${synchronous}`,
      limitKind: 'rate',
      mix: shares,
      agreements: AGREEMENTS,
      seconds: round(elapsed, 2),
    });
    // Less sensitive than the rate to what else the machine runs: what one command costs the server's CPU.
    const serverCpu = serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore;
    emit({
      key: key('cpu'),
      label: `${workloadLabel(workload, shares)}: server CPU time per command answered 201`,
      value: serverCpu === null || total === 0 ? null : round((serverCpu * 1000) / total, 3),
      unit: 'ms',
      stat: 'value',
      busyCore: serverCpu === null ? null : round(serverCpu / elapsed, 2),
    });
    emit({
      key: key('latency'),
      label: `${workloadLabel(workload, shares)}: latency of every command answered 201 (${CLIENTS} clients)`,
      value: all.p99,
      unit: 'ms',
      stat: 'p99',
      p50: all.p50,
      p99: all.p99,
      max: all.max,
      n: all.n,
      limitKey: `limit-appends.${synchronous}`,
      limitKind: 'time',
    });
    for (const kind of ['payment', 'enrolment', 'claim'] as const) {
      if (shares[kind] === 0) continue;
      const s = latencyStats(latencies[kind]);
      emit({
        key: key(kind),
        label: `${workloadLabel(workload, shares)}: ${kindLabel(kind)}`,
        value: s.p99,
        unit: 'ms',
        stat: 'p99',
        p50: s.p50,
        p99: s.p99,
        max: s.max,
        n: s.n,
      });
    }
    emit({
      key: key('errors'),
      label: `${workloadLabel(workload, shares)}: answers other than 201, by command, status and code`,
      value: failed,
      unit: 'answers',
      stat: 'value',
      n: sent,
      errors,
      note:
        failed === 0
          ? 'none'
          : Object.entries(errors)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; '),
    });
    const health = await http.json('GET', '/health');
    if (peakMemory !== null) {
      emit({
        key: key('memory'),
        label: `${workloadLabel(workload, shares)}: at the largest RSS sampled during the load (every second), the main thread's heap and what lies outside it`,
        value: peakMemory.rss,
        unit: 'MB',
        stat: 'value',
        note: `main heap ${peakMemory.mainHeapTotal} MB reserved, ${peakMemory.mainHeapUsed} MB in use; outside it ${peakMemory.outsideMainHeap} MB (projection thread's heap ${peakMemory.threadHeapTotal ?? 'n/a'} MB, SQLite caches, code); anonymous ${peakMemory.anonymous} MB`,
        ...peakMemory,
      });
    }
    emit({
      key: key('server'),
      label: `${workloadLabel(workload, shares)}: server peak RSS (VmHWM) after the load`,
      value: server.peakRssMb(),
      unit: 'MB',
      stat: 'value',
      headPosition: health.body?.headPosition,
      readModelPosition: health.body?.readModelPosition,
    });
  } finally {
    http.close();
    await server.stop();
    const tail = server.stderr().trim();
    if (tail) progress(`commands: server stderr: ${tail.slice(-2_000)}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

function workloadLabel(workload: Workload, shares: ReturnType<typeof mix>): string {
  if (workload === 'payments') return 'payments only';
  const pct = (share: number) => `${Math.round(share * 100)}%`;
  return `mix ${pct(shares.payment)} payments / ${pct(shares.enrolment)} enrolments of ${ENROLMENT.toLocaleString('en')} / ${pct(shares.claim)} claims`;
}

function mix(text: string) {
  const [payment, enrolment, claim] = text.split(',').map(Number);
  return { payment, enrolment, claim };
}

function kindLabel(kind: Kind): string {
  return {
    payment: 'RecordPremiumPayment latency',
    enrolment: `EnrollCohort batch of ${ENROLMENT.toLocaleString('en')} latency`,
    claim: 'PayDeathBenefit latency',
  }[kind];
}

function signBody(id: string, a: number) {
  const province = ['11', '31', '32', '33', '35', '52', '53', '72', '73', '91'][a % 10];
  const region = `${province}.${String((a % 40) + 1).padStart(2, '0')}`;
  return {
    agreementId: id,
    pksNumber: `PKS/${region}/${a}/2025`,
    pemda: { regionCode: region, name: `Pemda ${region}` },
    branch: { code: `KC${province}`, name: `Kantor Cabang ${province}` },
    signedOn: '2024-12-20',
    coverage: { start: '2025-01-01', end: '2026-12-31' },
    programs: ['JKK', 'JKM'],
    funding: { source: 'APBD', budget: 1_000_000_000_000 },
  };
}

function memberRows(first: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    nik: benchNik(first + i),
    name: `Pekerja ${first + i}`,
    occupation: 'nelayan',
    villageCode: '72.01.01.2001',
  }));
}

/** Runs `work` over `items` with at most `concurrency` at once. */
async function pool<T>(
  concurrency: number,
  items: readonly T[],
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

runScenario(main);
