import { InvalidTokenError, type TokenIdentity, type TokenVerifier } from '@pks/infrastructure';
import { HttpProblem } from '../http/http-problem';

const CHALLENGE = 'Bearer realm="pks-ledger"';

/**
 * The identity an `Authorization: Bearer <token>` header proves.
 * @throws HttpProblem 401 UNAUTHENTICATED with a `WWW-Authenticate` challenge, saying what was wrong.
 */
export async function authenticate(header: string | undefined, verifier: TokenVerifier): Promise<TokenIdentity> {
  if (header === undefined) {
    throw new HttpProblem(401, 'UNAUTHENTICATED', 'this route needs Authorization: Bearer <token>', undefined, {
      'WWW-Authenticate': CHALLENGE,
    });
  }
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header);
  try {
    if (match === null) throw new InvalidTokenError('the Authorization header is not Bearer <token>');
    return await verifier.verify(match[1]);
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    throw new HttpProblem(401, 'UNAUTHENTICATED', error.reason, undefined, {
      'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
    });
  }
}
