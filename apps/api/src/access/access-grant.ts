import { PERSONAL_DATA_MASKED, PERSONAL_DATA_SHOWN, type PersonalDataView } from '@pks/domain';
import type { Role, TokenIdentity } from '@pks/infrastructure';
import { EVERYTHING, scopeOf, type ReadScope } from '@pks/projections';
import type { AccessLogKind } from './access-policy';

/** What the guard decided for one request: who, in which role, seeing which agreements and how. */
export interface AccessGrant {
  readonly sub: string;
  readonly role: Role;
  readonly scope: ReadScope;
  readonly personalData: PersonalDataView;
  /** The route, as the access policy names it. */
  readonly route: string;
  readonly accessLog?: AccessLogKind;
}

/**
 * The agreements a role of this token covers (API.md "Access"): an admin every one; a branch officer those of
 * its branches; a finance officer those of its regions; an auditor or a viewer those of its regions, or every
 * one when its token names none.
 */
export function scopeOfRole(identity: TokenIdentity, role: Role): ReadScope {
  switch (role) {
    case 'admin':
      return EVERYTHING;
    case 'branch-officer':
      return scopeOf([], identity.branches);
    case 'finance':
      return scopeOf(identity.regions, []);
    case 'auditor':
    case 'viewer':
      return identity.regions.length === 0 ? EVERYTHING : scopeOf(identity.regions, []);
    default: {
      const never: never = role;
      throw new Error(`no scope for role ${String(never)}`);
    }
  }
}

/** Rule 12: personal data is masked for dashboards' viewers, shown to the roles whose work needs it. */
export function personalDataViewOf(role: Role): PersonalDataView {
  return role === 'viewer' ? PERSONAL_DATA_MASKED : PERSONAL_DATA_SHOWN;
}
