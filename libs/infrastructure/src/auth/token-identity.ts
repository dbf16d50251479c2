import { REGION_CODE_PATTERN } from '@pks/domain';
import type { JWTPayload } from 'jose';
import type { ClaimPaths } from './auth-config';
import { isRole, type Role } from './roles';

/** Who a verified token says the caller is (API.md "Access": `sub`, `roles`, `regions`, `branches`). */
export interface TokenIdentity {
  readonly sub: string;
  /** The roles of API.md the token grants; others it carries are left out. */
  readonly roles: readonly Role[];
  /** Region-code prefixes (`72`, `73.26`). */
  readonly regions: readonly string[];
  /** BPJS branch codes. */
  readonly branches: readonly string[];
}

/** A token that does not authenticate its bearer; the reason is for logs and the answer, never a secret. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The subject becomes the actor of events: printable, bounded, like the other audit fields. */
const SUBJECT = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;
const BRANCH_CODE = /^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/;

/** The identity in a verified payload, the claims read where `paths` say; malformed claims refuse the token. */
export function identityOf(payload: JWTPayload, paths: ClaimPaths): TokenIdentity {
  const { sub } = payload;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
    throw new InvalidTokenError('the token has no subject of 1-200 printable characters');
  }
  const regions = list(claimAt(payload, paths.regions), paths.regions);
  const badRegion = regions.find((region) => !REGION_CODE_PATTERN.test(region));
  if (badRegion !== undefined)
    throw new InvalidTokenError(`claim ${paths.regions} holds a region code that is not PP or PP.KK`);
  const branches = list(claimAt(payload, paths.branches), paths.branches);
  if (branches.some((branch) => !BRANCH_CODE.test(branch))) {
    throw new InvalidTokenError(`claim ${paths.branches} holds a branch code that is not 1-32 printable characters`);
  }
  const roles = list(claimAt(payload, paths.roles), paths.roles).filter(isRole);
  return { sub, roles: [...new Set(roles)], regions: [...new Set(regions)], branches: [...new Set(branches)] };
}

/** A claim at a dotted path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, name) => {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, name))
      return undefined;
    return (value as Record<string, unknown>)[name];
  }, payload);
}

/** Absent is none; one string is one (issuers emit a single-valued attribute so); else an array of strings. */
function list(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw new InvalidTokenError(`claim ${path} is not a list of strings`);
}
