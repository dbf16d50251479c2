import { AsyncResource } from 'node:async_hooks';

/** Marks the replacement, across module registries (jest's test files share the process's node:async_hooks). */
const INSTALLED = Symbol.for('pks-ledger.cheaperAsyncResourceBind');

/**
 * `AsyncResource.bind` without Node 20's deprecated `asyncResource` accessor (DEP0172). Node defines that
 * accessor on every bound function with two `util.deprecate` wrappers, each given its own prototype: about 7 µs a
 * call and a new hidden class each time. Nest binds twice a request that passes an interceptor (the personal-data
 * interceptor is global): 7% of the request loop's own time on `GET /health` under load went to `deprecate`, and
 * the server's CPU a `/health` fell from 326-417 to 251-303 µs with this in place (issue 14, bench/README.md).
 *
 * What the bound function does is Node's: it runs `fn` in the scope of an `AsyncResource` made when it was bound
 * (so AsyncLocalStorage sees the binder's store), with `thisArg` or else its own `this`, and its `length` is
 * `fn`'s. Only the deprecated accessor is missing.
 */
export function cheaperAsyncResourceBind(): void {
  if ((AsyncResource.bind as { [INSTALLED]?: boolean })[INSTALLED]) return;
  AsyncResource.bind = Object.assign(bindInScope, { [INSTALLED]: true }) as unknown as typeof AsyncResource.bind;
}

type Bindable = (this: unknown, ...args: unknown[]) => unknown;

function bindInScope(fn: Bindable, type?: string, thisArg?: unknown): Bindable {
  if (typeof fn !== 'function') {
    throw Object.assign(new TypeError(`The "fn" argument must be of type function. Received ${typeof fn}`), {
      code: 'ERR_INVALID_ARG_TYPE',
    });
  }
  const resource = new AsyncResource(type || fn.name || 'bound-anonymous-fn');
  const bound: Bindable =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) {
          return resource.runInAsyncScope(fn, this, ...args);
        }
      : (...args: unknown[]) => resource.runInAsyncScope(fn, thisArg, ...args);
  Object.defineProperty(bound, 'length', { configurable: true, enumerable: false, value: fn.length, writable: false });
  return bound;
}
