import { InvalidArgumentError, type Command } from 'commander';
import {
  InvalidTokenError,
  issueToken,
  loadConfig,
  loadOrCreateSigningKey,
  parseTtl,
  ROLES,
  TokenVerifier,
  type Role,
} from '@pks/infrastructure';
import { EXIT } from '../cli-context';

interface TokenOptions {
  readonly sub: string;
  readonly role: Role[];
  readonly region: string[];
  readonly branch: string[];
  readonly ttl: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function collectRole(value: string, previous: Role[] = []): Role[] {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`a role is one of ${ROLES.join(', ')}`);
  }
  return [...previous, value as Role];
}

/**
 * `token`: a bearer token of the embedded issuer, signed with the key the service keeps beside its data (the same
 * environment finds the same key; the first run makes it). Prints the token on stdout and nothing else, so that
 * `TOKEN=$(npm run -s cli -- token ...)` works. With an OIDC issuer configured, tokens come from the issuer.
 */
export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print a bearer token of the embedded issuer (nothing else on stdout)')
    .requiredOption('--sub <name>', 'the subject: who acts, recorded as the actor of every event')
    .requiredOption('--role <role>', `a role, one of ${ROLES.join(', ')} (repeatable)`, collectRole)
    .option('--region <prefix>', 'a region-code prefix of the scope, PP or PP.KK (repeatable)', collect, [])
    .option('--branch <code>', 'a branch code of the scope (repeatable)', collect, [])
    .option('--ttl <duration>', 'lifetime: 90s, 30m, 8h, 7d', '8h')
    .action(async (options: TokenOptions) => {
      process.exitCode = await printToken(options);
    });
}

async function printToken(options: TokenOptions): Promise<number> {
  const config = loadConfig();
  if (config.auth.mode !== 'embedded') {
    process.stderr.write(`tokens come from the OIDC issuer ${config.auth.issuer}, not from this command\n`);
    return EXIT.usage;
  }
  try {
    const key = await loadOrCreateSigningKey(config.auth.keyPath);
    const identity = { sub: options.sub, roles: options.role, regions: options.region, branches: options.branch };
    const token = await issueToken(key, identity, parseTtl(options.ttl));
    // Verified as the service will verify it: a token it would refuse (a malformed region, say) is not printed.
    await (await TokenVerifier.create(config.auth)).verify(token);
    process.stdout.write(`${token}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InvalidTokenError || error instanceof RangeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
}
