/** Why a sign-in at the issuer did not end with a token; each reason has its message (messages.ts). */
export type SignInReason =
  | 'insecureContext'
  | 'discoveryFailed'
  | 'stateMismatch'
  | 'providerRefused'
  | 'tokenEndpointUnreachable'
  | 'tokenEndpointRefused'
  | 'idTokenRefused'
  | 'nonceMismatch';

/** A sign-in refused by the page or by the issuer; `detail` is what the issuer said, shown as text. */
export class SignInFailure extends Error {
  constructor(
    readonly reason: SignInReason,
    readonly detail = '',
  ) {
    super(detail === '' ? reason : `${reason}: ${detail}`);
  }
}
