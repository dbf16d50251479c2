import { ApplicationError, type AgreementParties, type AgreementPartiesDirectory } from '@pks/application';
import { AGREEMENT_ID_PATTERN } from '@pks/domain';
import type { Role, TokenIdentity } from '@pks/infrastructure';
import { inScope } from '@pks/projections';
import type { Request } from 'express';
import { HttpProblem } from '../http/http-problem';
import { personalDataViewOf, scopeOfRole, type AccessGrant } from './access-grant';
import { ROLE_ORDER, type ProtectedRoute } from './access-policy';

/**
 * The role a request acts in: the first of the token's roles, in ROLE_ORDER, that the route allows and whose
 * scope covers what the request names. Refusals say what was refused, never anything of agreements outside
 * the caller's scope.
 */
export async function decideAccess(
  identity: TokenIdentity,
  route: string,
  access: ProtectedRoute,
  request: Request,
  parties: AgreementPartiesDirectory,
): Promise<AccessGrant> {
  const allowed = ROLE_ORDER.filter(
    (role) => identity.roles.includes(role) && (role === 'admin' || access.roles.includes(role)),
  );
  if (allowed.length === 0) {
    const held =
      identity.roles.length === 0 ? 'a token without a role of this API' : `role ${identity.roles.join(', ')}`;
    throw new HttpProblem(403, 'FORBIDDEN', `${held} may not call ${route}`);
  }
  const role = await roleCovering(identity, allowed, access, request, parties);
  if (role === undefined)
    throw new HttpProblem(403, 'FORBIDDEN', `this agreement is outside the scope of your ${allowed.join(', ')} role`);
  return {
    sub: identity.sub,
    role,
    scope: scopeOfRole(identity, role),
    personalData: personalDataViewOf(role),
    route,
    ...(access.accessLog ? { accessLog: access.accessLog } : {}),
  };
}

async function roleCovering(
  identity: TokenIdentity,
  allowed: readonly Role[],
  access: ProtectedRoute,
  request: Request,
  parties: AgreementPartiesDirectory,
): Promise<Role | undefined> {
  const [first] = allowed;
  if (access.scope === 'none' || access.scope === 'filtered' || scopeOfRole(identity, first).everything) return first;
  const named = access.scope === 'signature' ? signedFor(request.body) : await partiesOf(request, parties);
  // Nothing to check: the request is malformed and its validation refuses it, naming nothing of any agreement.
  if (named === null) return first;
  return allowed.find((role) => inScope(scopeOfRole(identity, role), named.regionCode, named.branchCode));
}

/**
 * The parties of the path's agreement. An agreement that does not exist is 404 here for a scoped caller: were it
 * let through, it could be signed by someone else before the command ran, outside the caller's scope.
 */
async function partiesOf(request: Request, parties: AgreementPartiesDirectory): Promise<AgreementParties | null> {
  const id = (request.params as Record<string, string | undefined>).id;
  if (id === undefined || !AGREEMENT_ID_PATTERN.test(id)) return null;
  const found = await parties.of(id);
  if (found === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
  return found;
}

/** The Pemda and branch a SignAgreement body names, when both are there to check. */
function signedFor(body: unknown): AgreementParties | null {
  const { pemda, branch } = (body ?? {}) as { pemda?: { regionCode?: unknown }; branch?: { code?: unknown } };
  const regionCode = pemda?.regionCode;
  const branchCode = branch?.code;
  return typeof regionCode === 'string' && typeof branchCode === 'string' ? { regionCode, branchCode } : null;
}
