import { ROLES, type Role } from './roles';

/** At most `limit` requests in any `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Each role's limit per subject, or null: not limited. */
export type RoleLimits = Readonly<Record<Role, RateLimit | null>>;

/**
 * Limits per role from a list such as `600/1m,admin=off,finance=60/10s`: an item without a role sets every role
 * not named; `off` lifts the limit (a bulk client under a role of its own, the benchmark's, say).
 */
export function parseRoleLimits(text: string | undefined, fallback: RateLimit, name: string): RoleLimits {
  let base: RateLimit | null = fallback;
  const named = new Map<Role, RateLimit | null>();
  for (const item of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(?:([a-z-]+)=)?(?:(off)|(\d{1,9})\/(\d{1,6})(ms|s|m|h))$/.exec(item);
    if (!match) throw new Error(`${name}: "${item}" is not [role=]N/<duration> (600/1m) nor [role=]off`);
    const [, role, off, limit, amount, unit] = match;
    const value = off ? null : { limit: Number(limit), windowMs: Number(amount) * UNIT_MS[unit] };
    if (value !== null && (value.limit < 1 || value.windowMs < 1)) throw new Error(`${name}: "${item}" allows nothing`);
    // The window keeps one timestamp per request counted: beyond this, lift the limit (off) instead.
    if (value !== null && value.limit > MAX_LIMIT)
      throw new Error(`${name}: "${item}" counts more than ${MAX_LIMIT}; say off`);
    if (role === undefined) base = value;
    else if ((ROLES as readonly string[]).includes(role)) named.set(role as Role, value);
    else throw new Error(`${name}: ${role} is not a role (${ROLES.join(', ')})`);
  }
  return Object.fromEntries(ROLES.map((role) => [role, named.has(role) ? named.get(role) : base])) as RoleLimits;
}

const MAX_LIMIT = 10_000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
