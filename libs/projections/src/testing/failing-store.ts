import type { EventStore, ReadAllOptions } from '@pks/event-store';

/** Test helper: the store, except that its `failOn`-th readAll throws (the process "dies" reading the feed). */
export function failingOnRead(store: EventStore, failOn: number): EventStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'readAll') return Reflect.get(target, property, receiver);
      return (options: ReadAllOptions) => {
        calls += 1;
        if (calls === failOn) return Promise.reject(new Error('killed while reading the feed'));
        return target.readAll(options);
      };
    },
  });
}
