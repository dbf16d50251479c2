/** Builds DOM nodes from data without innerHTML: every value from the API is text, never markup. */
type Child = Node | string | number | null | undefined | false;
type Attribute = string | number | boolean | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, Attribute> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what a container shows. */
export function show(container: Element, ...children: Child[]): void {
  container.replaceChildren();
  append(container, children);
}

/** A table: one header row, then a row per item; `cells` gives each item's cells. */
export function table<T>(headers: readonly string[], items: readonly T[], cells: (item: T) => Child[], id?: string) {
  return h(
    'table',
    { class: 'data', id },
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...items.map((item) => h('tr', {}, ...cells(item).map((cell) => cellOf(cell))))),
  );
}

function cellOf(cell: Child): HTMLTableCellElement {
  if (cell instanceof HTMLTableCellElement) return cell;
  return h('td', {}, cell);
}

/** A section with a heading; its body is filled later (`slot`). */
export function section(title: string, id: string) {
  const slot = h('div', { class: 'section-body' });
  return { element: h('section', { class: 'card', id }, h('h2', {}, title), slot), slot };
}
