/**
 * What the write side's state cache costs at national scale: the states of the large dataset's agreements
 * (bench/generator, 1,000 agreements totalling about 3,000,000 members; generated in this process, whatever the
 * run's size) are loaded through the app's own StreamReader into its cache, sized to hold them all, exactly as a
 * command loads an agreement: every event goes through JSON text and back (as the SQLite store returns it), is
 * upcast and folded. Then the heap and RSS after a full GC, against the same process before.
 * Run with --expose-gc (bench/run.ts does).
 *   node --expose-gc -r @swc-node/register bench/scenarios/state-cache.scenario.ts
 */
import { AGREEMENT_STREAM, StreamReader } from '@pks/application';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@pks/event-store';
import { nationalDataset, SCHEMA_VERSIONS, SIZES, type GeneratedEvent } from '../generator/national-dataset';
import { emit, progress, round, runScenario } from '../support/scenario-io';

const SIZE = SIZES.large;

/** The store a StreamReader reads: it serves the events of the agreement being loaded, nothing else. */
class OneStreamAtATime {
  private streamId = '';
  private events: RecordedEvent[] = [];
  /** Events served (a cached state reads none). */
  served = 0;

  hold(streamId: string, events: RecordedEvent[]): void {
    this.streamId = streamId;
    this.events = events;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (streamId !== this.streamId) return [];
    const served = this.events.filter((e) => e.version >= (options.fromVersion ?? 1));
    this.served += served.length;
    return served;
  }
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const store = new OneStreamAtATime();
  // Room for every member plus one per agreement: nothing is evicted, so what is measured is what is held.
  const reader = new StreamReader(store as unknown as EventStore, SIZE.members * 2);
  gc();
  const before = process.memoryUsage();
  progress(`state-cache: loading ${SIZE.agreements} agreements of about ${SIZE.members} members into the cache`);
  const started = performance.now();
  const ids: string[] = [];
  let members = 0;
  let events = 0;
  for (const [streamId, stream] of agreements()) {
    store.hold(streamId, stream);
    const id = streamId.slice('agreement-'.length);
    const { state } = await reader.load(AGREEMENT_STREAM, id);
    members += state.status === 'none' ? 0 : state.members.size;
    events += stream.length;
    ids.push(id);
  }
  const seconds = (performance.now() - started) / 1000;
  store.hold('', []);
  gc();
  const after = process.memoryUsage();
  const served = store.served;
  for (const id of ids) await reader.load(AGREEMENT_STREAM, id);
  if (store.served !== served) throw new Error('the cache did not hold every state: some were read again');
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const heapMb = mb(after.heapUsed - before.heapUsed);
  emit({
    key: 'state-cache.rss',
    label: `write side's state cache holding ${ids.length.toLocaleString('en')} agreements of ${members.toLocaleString('en')} members in all: process RSS after GC`,
    value: mb(after.rss),
    unit: 'MB',
    stat: 'value',
    heapMb,
    externalMb: mb(after.external - before.external),
    rssBeforeMb: mb(before.rss),
    bytesPerMember: Math.round((after.heapUsed - before.heapUsed) / members),
    members,
    events,
    loadSeconds: round(seconds, 1),
  });
  emit({
    key: 'state-cache.heap',
    label: `of which the cached states on the heap (heap used after GC, minus before loading)`,
    value: heapMb,
    unit: 'MB',
    stat: 'value',
  });
}

/** Each agreement's events in the large dataset, as the store gives them back (parsed from JSON text). */
function* agreements(): Generator<[string, RecordedEvent[]]> {
  let streamId = '';
  let stream: RecordedEvent[] = [];
  let position = 0;
  for (const generated of nationalDataset(SIZE)) {
    if (generated.streamId !== streamId && stream.length > 0) {
      yield [streamId, stream];
      stream = [];
    }
    streamId = generated.streamId;
    stream.push(recorded(generated, stream.length + 1, ++position));
  }
  if (stream.length > 0) yield [streamId, stream];
}

function recorded({ streamId, event }: GeneratedEvent, version: number, position: number): RecordedEvent {
  return {
    streamId,
    version,
    position,
    eventId: `e-${position}`,
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as unknown,
    metadata: JSON.parse(
      JSON.stringify({
        recordedAt: '2025-10-28T00:00:00.000Z',
        actor: 'bench',
        commandId: `c-${position}`,
        schemaVersion: SCHEMA_VERSIONS[event.type],
      }),
    ) as RecordedEvent['metadata'],
    hash: '',
    previousHash: null,
  };
}

runScenario(main);
