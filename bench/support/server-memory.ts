import { readFileSync } from 'node:fs';
import type { HttpClient } from './http-client';

/** The server's memory at its largest RSS seen while sampling, MB. */
export interface ServerMemory {
  readonly rss: number;
  /** Anonymous memory (heaps, SQLite's page caches, code); the rest of RSS is file pages mapped. */
  readonly anonymous: number;
  /** The main thread's V8 heap: reserved, and in use (live objects and garbage not collected yet). */
  readonly mainHeapTotal: number;
  readonly mainHeapUsed: number;
  /** The projection thread's heap reserved (null when the runner is on the main loop). */
  readonly threadHeapTotal: number | null;
  /** RSS less the main heap: the projection thread's heap, SQLite's page caches, code and buffers. */
  readonly outsideMainHeap: number;
  readonly samples: number;
}

/**
 * Samples the server's RSS (/proc) and main-thread heap (its /metrics, which the bench's admin token may read)
 * every `everyMs` until stopped, keeping the sample of the largest RSS: where the memory of a peak is.
 */
export function sampleServerMemory(pid: number, http: HttpClient, everyMs = 1_000) {
  let peak: ServerMemory | null = null;
  let samples = 0;
  let stopped = false;
  const sample = async () => {
    // The heap and the RSS of one moment: RSS read once the answer (which may queue behind the load) is in.
    const metrics = await http.get('/metrics').catch(() => null);
    const rss = smapsMb(pid);
    if (rss === null || metrics === null || metrics.status !== 200) return;
    const gauge = (name: string) =>
      Math.round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics.text)?.[1] ?? NaN) / 1048576);
    samples++;
    const total = gauge('pks_nodejs_heap_size_total_bytes');
    if (peak === null || rss.rss > peak.rss) {
      peak = {
        rss: rss.rss,
        anonymous: rss.anonymous,
        mainHeapTotal: total,
        mainHeapUsed: gauge('pks_nodejs_heap_size_used_bytes'),
        threadHeapTotal: thread(metrics.text),
        outsideMainHeap: rss.rss - total,
        samples,
      };
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(): Promise<ServerMemory | null> {
      stopped = true;
      await loop;
      return peak === null ? null : { ...(peak as ServerMemory), samples };
    },
  };
}

function thread(text: string): number | null {
  const found = /^pks_projection_thread_heap_bytes\{kind="total"\} (\S+)$/m.exec(text);
  return found === null ? null : Math.round(Number(found[1]) / 1048576);
}

function smapsMb(pid: number): { rss: number; anonymous: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: Math.round(kb('Rss') / 1024), anonymous: Math.round(kb('Anonymous') / 1024) };
  } catch {
    return null;
  }
}
