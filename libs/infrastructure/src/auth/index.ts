// Bearer tokens: who signs them, how they are verified, what they say about their bearer.
export * from './auth-config';
export * from './roles';
export * from './signing-key';
export * from './token-identity';
export * from './token-issuer';
export * from './token-verifier';
export * from './rate-limits';
