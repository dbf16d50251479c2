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
  return serialise(toJsonValue(value), '$');
}

/** `plain` has already been through `toJsonValue`, which JSON.stringify applies once per value. */
function serialise(plain: unknown, path: string): string {
  if (plain === null || typeof plain === 'boolean' || typeof plain === 'string') return JSON.stringify(plain);
  if (typeof plain === 'number') {
    if (!Number.isFinite(plain)) throw new Error(`canonicalJson: non-finite number at ${path}`);
    return JSON.stringify(plain);
  }
  if (Array.isArray(plain)) {
    // Array.from visits holes of sparse arrays as undefined, so they are rejected rather than skipped.
    return `[${Array.from(plain, (item, i) => serialise(toJsonValue(item), `${path}[${i}]`)).join(',')}]`;
  }
  if (typeof plain === 'object') return serialiseObject(plain as Record<string, unknown>, path);
  throw new Error(`canonicalJson: cannot represent ${typeof plain} at ${path}`);
}

function serialiseObject(object: Record<string, unknown>, path: string): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = toJsonValue(object[key]);
    // JSON.stringify drops these members too; keeping that rule lets parsed data re-hash identically.
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${serialise(member, `${path}.${key}`)}`);
  }
  return `{${members.join(',')}}`;
}

function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}
