import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * The files of the read models: one SQLite file per generation, `<base>.current` naming the live one, and
 * `<base>.rebuilding` naming the one a rebuild is writing.
 */

const SQLITE_SIDE_FILES = ['', '-wal', '-shm'];

/** The file of a generation: the configured path for generation 0, `<base>.g<n>.sqlite` after rebuilds. */
export function generationPath(basePath: string, generation: number): string {
  if (basePath === ':memory:' || generation === 0) return basePath;
  return `${basePath.replace(/\.sqlite$/, '')}.g${generation}.sqlite`;
}

export function readGeneration(basePath: string): number {
  const pointer = `${basePath}.current`;
  if (basePath === ':memory:' || !existsSync(pointer)) return 0;
  return (JSON.parse(readFileSync(pointer, 'utf8')) as { generation: number }).generation;
}

/** The generation a rebuild under way is writing (`<base>.rebuilding`), or null. */
export function readRebuildMarker(basePath: string): number | null {
  const marker = `${basePath}.rebuilding`;
  if (basePath === ':memory:' || !existsSync(marker)) return null;
  return (JSON.parse(readFileSync(marker, 'utf8')) as { generation: number }).generation;
}

/** Points the host at a generation; the rename makes the switch atomic. */
export function writeGeneration(basePath: string, generation: number): void {
  const pointer = `${basePath}.current`;
  writeFileSync(`${pointer}.tmp`, JSON.stringify({ generation }));
  renameSync(`${pointer}.tmp`, pointer);
}

export function removeGenerationFiles(basePath: string, generation: number): void {
  const path = generationPath(basePath, generation);
  for (const suffix of SQLITE_SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Moves a damaged read-model file (and its WAL and shared-memory files) aside, for forensics, under
 * `<path>.corrupt-<instant>`; SQLite finds the WAL beside it under the same new name. Its connection must be closed.
 * @returns the new name of the database file.
 */
export function setAsideFiles(path: string, at: Date): string {
  const aside = `${path}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of SQLITE_SIDE_FILES) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}

/** A generation number no rebuild is using: past the live one and any rebuild under way. */
export function nextGeneration(basePath: string, live: number): number {
  if (basePath === ':memory:') return live;
  const next = Math.max(live, readRebuildMarker(basePath) ?? 0) + 1;
  removeGenerationFiles(basePath, next);
  return next;
}

/**
 * Removes the files of generations no longer in use: neither the live one nor the one a rebuild under way writes
 * (`<base>.rebuilding`). Damaged generations set aside (`.corrupt-<instant>`) are kept for forensics.
 */
export function removeStaleGenerations(basePath: string, live: number): void {
  if (basePath === ':memory:') return;
  const keep = new Set([live, readRebuildMarker(basePath) ?? live]);
  const stem = basename(basePath.replace(/\.sqlite$/, ''));
  const pattern = new RegExp(`^${escape(stem)}\\.g(\\d+)\\.sqlite$`);
  for (const name of existsSync(dirname(basePath)) ? readdirSync(dirname(basePath)) : []) {
    const generation = Number(pattern.exec(name)?.[1] ?? NaN);
    if (Number.isSafeInteger(generation) && !keep.has(generation)) removeGenerationFiles(basePath, generation);
  }
  if (!keep.has(0) && existsSync(basePath)) removeGenerationFiles(basePath, 0);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
