import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/adapters';
import { rebuildReadModels } from '../../libs/projections/src';
import { REPO } from './server-process';

/**
 * Read models rebuilt from a cached dataset file, kept next to it under bench/.cache and reused while the code
 * that builds them (libs/projections, libs/domain) is unchanged: `<dataset>.read-<hash>.sqlite` is the base path
 * to give the app as READ_MODEL_PATH. Older generations for other code versions are removed.
 */
export async function cachedReadModels(
  datasetPath: string,
): Promise<{ base: string; built: boolean; seconds: number }> {
  const stem = basename(datasetPath).replace(/\.sqlite$/, '');
  const hash = codeHash();
  const dir = dirname(datasetPath);
  const base = join(dir, `${stem}.read-${hash}.sqlite`);
  for (const file of readdirSync(dir)) {
    if (file.startsWith(`${stem}.read-`) && !file.startsWith(`${stem}.read-${hash}.`))
      rmSync(join(dir, file), { force: true });
  }
  if (existsSync(`${base}.current`) && !existsSync(`${base}.rebuilding`)) return { base, built: false, seconds: 0 };
  const store = new SqliteEventStore({ path: datasetPath, readOnly: true });
  try {
    const result = await rebuildReadModels(base, store);
    return { base, built: true, seconds: result.seconds };
  } finally {
    await store.close();
  }
}

function codeHash(): string {
  const hash = createHash('sha256');
  for (const root of ['libs/projections/src', 'libs/domain/src']) {
    for (const file of sourceFiles(join(REPO, root))) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 10);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
    });
}
