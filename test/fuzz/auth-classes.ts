import { hostileBase, refuse, type FuzzClass } from './class-kit';
import { pick } from './draw';
import { currentBearer } from './wire-client';

/**
 * Authorization headers that authenticate nobody (API.md "Access"): on every route but the health routes (open
 * to probes) and the sign-in settings (read before anyone is signed in), 401 UNAUTHENTICATED and nothing
 * appended, whatever else the request holds.
 */
function badAuthorizations(token: string): [string, string][] {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  return [
    ['empty', ''],
    ['scheme alone', 'Bearer'],
    ['Basic credentials', 'Basic YWRtaW46YWRtaW4='],
    ['not a JWT', 'Bearer abc'],
    ['three garbage parts', 'Bearer a.b.c'],
    ['unsigned (alg none)', `Bearer ${json({ alg: 'none', typ: 'JWT' })}.${payload}.`],
    ['signature altered', `Bearer ${header}.${payload}.${flipped}`],
    ['claims altered', `Bearer ${header}.${json({ ...claims, sub: 'somebody-else' })}.${signature}`],
    ['expired claims', `Bearer ${header}.${json({ ...claims, exp: 1_000_000_000 })}.${signature}`],
    ['10 KB token', `Bearer ${'a'.repeat(10_240)}`],
    ['two tokens', `Bearer ${token}, Bearer ${token}`],
  ];
}

export const authorization: FuzzClass = {
  name: 'authorization',
  weight: 2,
  appliesTo: (_ctx, route) => !/^GET \/(health(\/|$)|auth\/config$)/.test(route.key),
  async build(ctx, route, g) {
    const plan = await hostileBase(ctx, route!, g);
    const token = currentBearer();
    if (token === undefined) throw new Error('the fuzz run has no bearer token to vary');
    const [label, value] = pick(g, badAuthorizations(token));
    return {
      variant: label,
      where: 'header Authorization',
      plan: { ...plan, headers: { ...plan.headers, Authorization: value } },
      expect: refuse([401], ['UNAUTHENTICATED']),
    };
  },
};
