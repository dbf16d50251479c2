import { get, optional } from '../api';
import type { HistoryEvent } from '../api-types';
import { h, show } from '../dom';
import { instant, t } from '../i18n';
import { failure } from './notices';

const LIMIT = 1000;

interface TreeHead {
  treeSize?: number;
  rootHash?: string;
  timestamp?: string | number;
}

/**
 * The agreement's history as a timeline (who did what, when) with the ledger's verification state: each event's
 * link in the stream's hash chain (its `previousHash` is the hash of the event before it), and the signed tree
 * head of the whole ledger where the server publishes one (`/ledger/tree-head`).
 */
export async function historySection(slot: HTMLElement, path: string): Promise<void> {
  try {
    const [history, head] = await Promise.all([
      get<{ items: HistoryEvent[] }>(`${path}/events`, { fromVersion: 1, limit: LIMIT }),
      optional<TreeHead>('/ledger/tree-head'),
    ]);
    const broken = history.items.filter(
      (event, i) => event.metadata.previousHash !== (i === 0 ? null : history.items[i - 1].metadata.hash),
    );
    show(
      slot,
      verification(history.items.length, broken.length, head),
      timeline(history.items, new Set(broken.map((e) => e.version))),
    );
  } catch (error) {
    show(slot, failure(error));
  }
}

function verification(events: number, broken: number, head: TreeHead | null): HTMLElement {
  const chain =
    broken === 0
      ? h('p', { class: 'verified', id: 'chain-state', 'data-state': 'linked' }, t('chainLinked', { n: events }))
      : h('p', { class: 'notice error', id: 'chain-state', 'data-state': 'broken' }, t('chainBroken', { n: broken }));
  const signed =
    head === null
      ? h('p', { class: 'muted', id: 'tree-head', 'data-state': 'unavailable' }, t('treeHeadUnavailable'))
      : h(
          'p',
          { class: 'verified', id: 'tree-head', 'data-state': 'signed' },
          t('treeHead', { size: head.treeSize ?? '?', root: String(head.rootHash ?? '').slice(0, 16) }),
        );
  return h('div', { class: 'verification' }, chain, signed);
}

function timeline(events: readonly HistoryEvent[], broken: ReadonlySet<number>): HTMLElement {
  return h(
    'ol',
    { class: 'timeline', id: 'timeline' },
    ...events.map((event) =>
      h(
        'li',
        {
          class: broken.has(event.version) ? 'broken' : '',
          'data-version': event.version,
          'data-position': event.position,
        },
        h('div', { class: 'when' }, instant(event.metadata.recordedAt)),
        h('div', { class: 'what' }, h('strong', {}, event.type), ` · v${event.version} · #${event.position}`),
        h(
          'div',
          { class: 'who muted' },
          `${t('actor')}: ${event.metadata.actor}${event.metadata.via ? ` (${event.metadata.via})` : ''}`,
        ),
        h('div', { class: 'hash mono muted', title: event.metadata.hash }, event.metadata.hash.slice(0, 16)),
      ),
    ),
  );
}
