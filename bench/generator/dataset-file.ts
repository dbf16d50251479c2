import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/adapters';
import type { NewEvent } from '../../libs/event-store/src';
import { nationalDataset, SCHEMA_VERSIONS, SIZES, type GeneratedEvent } from './national-dataset';

const CACHE = join(__dirname, '..', '.cache');
/** Part of the cached file's name: bump it whenever the generator's output changes, so that no stale file is used. */
export const DATASET_VERSION = 2;
const MAX_APPEND = 500;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');

/**
 * The dataset of a size as a SQLite event store file, generated once per size and seed and kept under
 * bench/.cache as `<size>-<seed>-v<DATASET_VERSION>.sqlite` (its events are recorded one second apart from 2025-01-01).
 * Returns the file's path.
 */
export async function datasetFile(sizeName: string, seed = 20251028): Promise<string> {
  const size = SIZES[sizeName];
  if (size === undefined) throw new Error(`unknown size ${sizeName}; use ${Object.keys(SIZES).join(' or ')}`);
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `${sizeName}-${seed}-v${DATASET_VERSION}.sqlite`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const store = new SqliteEventStore({ path: building, synchronous: 'NORMAL' });
  let pending: GeneratedEvent[] = [];
  let sequence = 0;
  const versions = new Map<string, number>();
  const flush = async () => {
    if (pending.length === 0) return;
    const streamId = pending[0].streamId;
    const version = versions.get(streamId) ?? 0;
    await store.append(
      streamId,
      version,
      pending.map(({ event }) => toNewEvent(event, sequence++)),
    );
    versions.set(streamId, version + pending.length);
    pending = [];
  };
  for (const generated of nationalDataset(size, seed)) {
    if (pending.length >= MAX_APPEND || (pending.length > 0 && pending[0].streamId !== generated.streamId))
      await flush();
    pending.push(generated);
  }
  await flush();
  await store.close();
  renameSync(building, path);
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  return path;
}

function toNewEvent(event: GeneratedEvent['event'], sequence: number): NewEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: {
      recordedAt: new Date(EPOCH + sequence * 1000).toISOString(),
      actor: 'bench-generator',
      commandId: `gen-${sequence}`,
      correlationId: 'bench',
      causationId: `gen-${sequence}`,
      schemaVersion: SCHEMA_VERSIONS[event.type],
    },
  };
}
