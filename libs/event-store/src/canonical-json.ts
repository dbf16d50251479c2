/**
 * Serialises a JSON-compatible value deterministically: object keys sorted recursively (by UTF-16 code
 * units), arrays in order, no whitespace. Hashes are computed over this form, so two equal values always
 * hash alike whatever the key order they were built with.
 *
 * Follows `JSON.stringify` where it is unambiguous (`toJSON` is honoured, so a Date becomes its ISO string;
 * object properties holding `undefined` are omitted) and throws where it would silently change the value:
 * non-finite numbers, `undefined` at the top level or inside an array, functions, symbols and bigints.
 * The result therefore parses back to a value whose canonical form is the same string.
 * @throws Error naming the path of the first value that cannot be represented.
 */
export function canonicalJson(value: unknown): string {
  return canonicalForm(value).text;
}

/**
 * {@link canonicalJson}, and whether the value already is what its text parses back to: plain objects and
 * arrays of strings, booleans, null and finite numbers, no member holding `undefined`, no `toJSON`, no -0. A
 * store that keeps the text can then hand the value on as the event recorded without parsing the text back.
 */
export function canonicalForm(value: unknown): { readonly text: string; readonly parsesBackAsIs: boolean } {
  const walk: Walk = { keys: new Set<string>(), changed: false };
  const plain = toJsonValue(value);
  // JSON.stringify with a list of property names writes, at every level, the names of the list in its order:
  // given every name of the value sorted, it is the canonical form at native speed. The walk that collects the
  // names also checks what JSON.stringify would silently change; on anything it does not vouch for (a class
  // instance, a name inherited from Object.prototype, a value to reject) the careful serialiser decides.
  if (plain !== undefined && collectKeys(plain, walk, 0)) {
    const text = JSON.stringify(plain, [...walk.keys].sort());
    return { text, parsesBackAsIs: plain === value && !walk.changed };
  }
  const path: (string | number)[] = [];
  try {
    return { text: serialise(plain, path), parsesBackAsIs: false };
  } catch (error) {
    if (error instanceof Unrepresentable) {
      throw new Error(`canonicalJson: ${error.message} at ${pathText(path)}`, { cause: error });
    }
    throw error;
  }
}

/** What the fast walk learns: every object's own names, and whether JSON would give back something else. */
interface Walk {
  readonly keys: Set<string>;
  /** A member holding `undefined` (dropped), a -0 (written 0) or an object without a prototype was seen. */
  changed: boolean;
}

/** Deeper than this, the careful serialiser (recursive too, but reporting where) takes over. */
const MAX_FAST_DEPTH = 64;

/**
 * Adds the own names of every object in `plain` to `keys`. False when JSON.stringify with that list might not
 * give the canonical form: a value it would change or drop, an object that is not a plain object or array, or
 * a name an object could inherit (JSON.stringify reads each listed name with a normal property read).
 */
function collectKeys(plain: unknown, walk: Walk, depth: number): boolean {
  switch (typeof plain) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      if (plain === 0 && 1 / plain < 0) walk.changed = true;
      return Number.isFinite(plain);
    case 'object':
      if (plain === null) return true;
      if (depth > MAX_FAST_DEPTH) return false;
      return Array.isArray(plain)
        ? collectArray(plain, walk, depth)
        : collectObject(plain as Record<string, unknown>, walk, depth);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return false;
  }
}

function collectArray(array: readonly unknown[], walk: Walk, depth: number): boolean {
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (item === undefined || hasToJson(item) || !collectKeys(item, walk, depth + 1)) return false;
  }
  return true;
}

function collectObject(object: Record<string, unknown>, walk: Walk, depth: number): boolean {
  const prototype = Object.getPrototypeOf(object) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  // JSON gives back plain objects: one without a prototype is written the same but read back as another kind.
  if (prototype === null) walk.changed = true;
  for (const key in object) {
    // for...in also lists inherited enumerable names: a plain object has none, unless Object.prototype was
    // extended, which the careful serialiser then handles.
    if (!Object.hasOwn(object, key) || key in Object.prototype) return false;
    const member = object[key];
    if (member === undefined) {
      walk.changed = true;
      continue;
    }
    if (hasToJson(member) || !collectKeys(member, walk, depth + 1)) return false;
    walk.keys.add(key);
  }
  return true;
}

function hasToJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * Thrown where a value cannot be represented; `path` then holds the segments down to it. The segments are
 * pushed and popped as the walk goes rather than built as strings for every value: this runs for every event
 * appended, members of a 5,000-row enrolment included.
 */
class Unrepresentable extends Error {}

/** `plain` has already been through `toJsonValue`, which JSON.stringify applies once per value. */
function serialise(plain: unknown, path: (string | number)[]): string {
  switch (typeof plain) {
    case 'string':
      return JSON.stringify(plain);
    case 'number':
      if (!Number.isFinite(plain)) throw new Unrepresentable('non-finite number');
      return JSON.stringify(plain);
    case 'boolean':
      return plain ? 'true' : 'false';
    case 'object':
      if (plain === null) return 'null';
      return Array.isArray(plain)
        ? serialiseArray(plain, path)
        : serialiseObject(plain as Record<string, unknown>, path);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new Unrepresentable(`cannot represent ${typeof plain}`);
  }
}

function serialiseArray(array: readonly unknown[], path: (string | number)[]): string {
  let text = '[';
  // Indexed reads visit holes of sparse arrays as undefined, so they are rejected rather than skipped.
  for (let i = 0; i < array.length; i++) {
    path.push(i);
    text += (i === 0 ? '' : ',') + serialise(toJsonValue(array[i]), path);
    path.pop();
  }
  return `${text}]`;
}

function serialiseObject(object: Record<string, unknown>, path: (string | number)[]): string {
  const keys = Object.keys(object);
  if (!isSorted(keys)) keys.sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = toJsonValue(object[key]);
    // JSON.stringify drops these members too; keeping that rule lets parsed data re-hash identically.
    if (member === undefined) continue;
    path.push(key);
    text += `${first ? '' : ','}${JSON.stringify(key)}:${serialise(member, path)}`;
    path.pop();
    first = false;
  }
  return `${text}}`;
}

/** In the order `Array.prototype.sort` gives (UTF-16 code units). */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${segment}`),
    '$',
  );
}

function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}
