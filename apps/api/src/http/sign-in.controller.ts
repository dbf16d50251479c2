import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import { ApiErrors } from './responses/api-errors.decorator';
import { SignInConfigResponse } from './responses/sign-in.response';

/**
 * What the dashboard needs to know before anyone is signed in, hence public: nothing in it is a secret (a
 * public client has none), and the issuer would tell the same to anyone who asks it.
 */
@ApiTags('access')
@Controller('auth')
export class SignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @ApiOkResponse({ type: SignInConfigResponse })
  @ApiErrors([500])
  @ApiOperation({
    summary: "How the dashboard signs in: a pasted token, and the OIDC issuer's sign-in where configured",
    security: [],
  })
  signInConfig(): SignInConfigResponse {
    const { auth } = this.config;
    const claims = { ...auth.claims };
    if (auth.mode === 'embedded' || auth.browserSignIn === undefined) return { tokens: auth.mode, claims };
    return { tokens: 'oidc', claims, oidc: { issuer: auth.issuer, ...auth.browserSignIn } };
  }
}
