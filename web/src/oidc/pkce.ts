/**
 * The random values of one sign-in and the PKCE challenge (RFC 7636), from the browser's own WebCrypto: no
 * library, and nothing that leaves the page but the challenge until the code is exchanged.
 */

/** `bytes` random bytes as base64url: 32 give a 43-character code_verifier, the shortest RFC 7636 allows. */
export function randomText(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code_challenge of a code_verifier: base64url(SHA-256(ASCII(verifier))). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
