import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OidcSignInResponse {
  @ApiProperty({
    example: 'https://sso.bpjs.example/realms/pks',
    description: 'AUTH_ISSUER: its endpoints are at `<issuer>/.well-known/openid-configuration`',
  })
  issuer!: string;
  @ApiProperty({ example: 'pks-dashboard', description: 'AUTH_CLIENT_ID: the public client the page signs in as' })
  clientId!: string;
  @ApiProperty({ example: 'openid', description: 'AUTH_SCOPES: the scopes asked for, space-separated' })
  scope!: string;
}

/** Where the roles and scopes sit in the tokens (AUTH_*_CLAIM): dotted paths, as the API reads them. */
export class ClaimPathsResponse {
  @ApiProperty({ example: 'realm_access.roles' })
  roles!: string;
  @ApiProperty({ example: 'regions' })
  regions!: string;
  @ApiProperty({ example: 'branches' })
  branches!: string;
}

/**
 * How the dashboard may sign a user in. Always: pasting a bearer token. With an OIDC issuer and AUTH_CLIENT_ID:
 * the authorization code flow with PKCE (S256) at that issuer, whose access token is then the bearer token.
 */
export class SignInConfigResponse {
  @ApiProperty({
    enum: ['embedded', 'oidc'],
    description: 'who signs the tokens the API accepts: the service itself (`npm run cli -- token`) or the issuer',
  })
  tokens!: 'embedded' | 'oidc';
  @ApiProperty({
    type: () => ClaimPathsResponse,
    description: 'where the page finds the roles and scopes in a token, to offer only what the API would allow',
  })
  claims!: ClaimPathsResponse;
  @ApiPropertyOptional({ type: () => OidcSignInResponse, description: 'present when the issuer sign-in is set up' })
  oidc?: OidcSignInResponse;
}
