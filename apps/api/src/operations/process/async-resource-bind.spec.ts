import { AsyncLocalStorage, AsyncResource, createHook } from 'node:async_hooks';
import { cheaperAsyncResourceBind } from './async-resource-bind';

/** What a bound function shows when called: the store it runs in, its `this`, what it returns. */
function probe(bind: (fn: (...args: number[]) => unknown, thisArg?: unknown) => (...args: number[]) => unknown) {
  const als = new AsyncLocalStorage<string>();
  const seen: unknown[] = [];
  const fn = function (this: unknown, a: number, b: number) {
    seen.push(als.getStore(), this);
    return a + b;
  };
  const free = als.run('binder', () => bind(fn));
  const fixed = als.run('binder', () => bind(fn, 'fixed this'));
  const caller = { free, fixed };
  const results = als.run('caller', () => [caller.free(1, 2), caller.fixed(3, 4)]);
  return { results, seen: seen.map((s) => (s === caller ? 'call site' : s)), lengths: [free.length, fixed.length] };
}

describe('AsyncResource.bind without the deprecated accessor', () => {
  beforeAll(() => cheaperAsyncResourceBind());

  it("behaves as Node's own bind: the binder's async context, thisArg or the call's this, arguments, result, length", () => {
    // Node's own: AsyncResource.bind is `new AsyncResource(type).bind(fn, thisArg)`, which is left as it is.
    type NodeBind = (fn: (...args: number[]) => unknown, thisArg?: unknown) => (...args: number[]) => unknown;
    const nodes = probe((fn, thisArg) => (new AsyncResource('reference').bind as NodeBind)(fn, thisArg));
    const ours = probe((fn, thisArg) => AsyncResource.bind(fn, undefined, thisArg));
    expect(ours).toEqual(nodes);
    expect(ours).toEqual({
      results: [3, 7],
      seen: ['binder', 'call site', 'binder', 'fixed this'],
      lengths: [2, 2],
    });
  });

  it('makes one async resource per bind, of the type given or named after the function', () => {
    const types: string[] = [];
    const hook = createHook({ init: (_id, type) => types.push(type) }).enable();
    try {
      AsyncResource.bind(() => 1, 'pks-probe');
      AsyncResource.bind(function namedProbe() {});
    } finally {
      hook.disable();
    }
    expect(types).toEqual(['pks-probe', 'namedProbe']);
  });

  it('refuses what is not a function as Node does', () => {
    expect(() => AsyncResource.bind('nope' as unknown as () => void)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('is installed once, however often the app is configured', () => {
    const installed = AsyncResource.bind;
    cheaperAsyncResourceBind();
    expect(AsyncResource.bind).toBe(installed);
    expect(Object.getOwnPropertyNames(AsyncResource.bind(() => 1))).not.toContain('asyncResource');
  });
});
