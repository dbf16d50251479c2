import { describeEventStoreContract } from './event-store.contract';
import { describeTransparencyLogContract } from './event-store.contract.log';
import { CONTRACT_INDEXER, newEvents } from './event-store.test-fixtures';
import { InMemoryEventStore } from './in-memory.event-store';

async function memoryStore() {
  const store = new InMemoryEventStore(CONTRACT_INDEXER);
  return { store, cleanup: () => store.close() };
}

describeEventStoreContract('InMemoryEventStore', memoryStore);
describeTransparencyLogContract('InMemoryEventStore', memoryStore);

describe('InMemoryEventStore', () => {
  it('refuses to be used once closed', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.append('s', 0, newEvents(1))).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
  });
});
