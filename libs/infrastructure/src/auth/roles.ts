/**
 * The roles of API.md "Access". A token may carry several; a request acts in one of them. Roles a token carries
 * that are not these (an identity provider's own, say) grant nothing.
 */
export const ROLES = ['admin', 'branch-officer', 'finance', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
