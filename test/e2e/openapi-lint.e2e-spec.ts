import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type RunningApp } from './support/app';

/**
 * The OpenAPI document passes Redocly's recommended rules, as client generators expect (operation ids, responses,
 * schemas that resolve). The linter is an ES module, so it runs in its own node process.
 */
describe('the OpenAPI document under a linter', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running?.close());

  it('has no error under the recommended rules', async () => {
    const file = join(running.dir, 'docs-json.json');
    writeFileSync(file, (await running.http.get('/docs-json').expect(200)).text);
    const lint = spawnSync(process.execPath, [join(__dirname, '../../scripts/lint-openapi.mjs'), file], {
      encoding: 'utf8',
    });
    const errors = lint.stdout.split('\n').filter((line) => line.startsWith('error '));
    expect({ exit: lint.status, errors, stderr: lint.stderr }).toEqual({ exit: 0, errors: [], stderr: '' });
  });
});
