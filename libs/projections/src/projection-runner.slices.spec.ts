import { ReadModels } from './read-models';
import { mixedHistory } from './testing/histories';
import { snapshot } from './testing/ledger-builder';

/**
 * A runner whose transactions are bounded in time (a service's): each slice commits with its checkpoint and the
 * event loop runs before the next, and the read models end as those of one transaction per batch.
 */
describe('a runner that applies the feed in slices', () => {
  it('with no time for more, commits each event alone, lets other work run between them, ends as one batch does', async () => {
    const ledger = await mixedHistory();
    const head = await ledger.store.headPosition();
    const reference = ReadModels.open(':memory:', ledger.store);
    await reference.runner.catchUp();

    const commits: [number, number][] = [];
    const sliced = ReadModels.open(':memory:', ledger.store, (position, events) => commits.push([position, events]), {
      sliceMs: 0,
    });
    // Other work of the event loop: one turn at a time, as long as the catch-up runs.
    let turns = 0;
    let caughtUp = false;
    const spin = () => {
      turns += 1;
      if (!caughtUp) setImmediate(spin);
    };
    setImmediate(spin);
    await sliced.runner.catchUp();
    caughtUp = true;

    expect(commits).toEqual(Array.from({ length: head }, (_, i) => [i + 1, 1]));
    expect(turns).toBeGreaterThan(head / 2);
    expect(snapshot(sliced.db)).toEqual(snapshot(reference.db));
    await sliced.close();
    await reference.close();
  });

  it('applies no further slice once halted', async () => {
    const ledger = await mixedHistory();
    const head = await ledger.store.headPosition();
    let sliced: ReadModels | null = null;
    sliced = ReadModels.open(
      ':memory:',
      ledger.store,
      (position) => (position === 3 ? sliced?.runner.halt() : undefined),
      {
        sliceMs: 0,
      },
    );
    await sliced.runner.catchUp();
    expect(sliced.runner.appliedPosition()).toBe(3);
    expect(head).toBeGreaterThan(3);
    await sliced.close();
  });
});
