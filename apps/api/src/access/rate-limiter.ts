import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig, type Role } from '@pks/infrastructure';
import { HttpProblem } from '../http/http-problem';

export type RateLimitBucket = 'commands' | 'lookups';

/**
 * Requests per subject in a sliding window, each role with its own limit (API.md "Access"): a bulk client gets a
 * role whose limit is lifted rather than every caller a high one. Over the limit: 429 RATE_LIMITED with
 * Retry-After, before anything is read or written.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: ThrottlerStorageService,
  ) {}

  async count(bucket: RateLimitBucket, subject: string, role: Role): Promise<void> {
    const limit = (bucket === 'commands' ? this.config.commandRateLimits : this.config.lookupRateLimits)[role];
    if (limit === null) return;
    // The subject and role are JSON-quoted: no subject can be made to count against another's window.
    const key = JSON.stringify([bucket, role, subject]);
    const record = await this.storage.increment(key, limit.windowMs, limit.limit, 0, bucket);
    if (!record.isBlocked) return;
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    throw new HttpProblem(
      429,
      'RATE_LIMITED',
      `at most ${limit.limit} ${bucket} per ${limit.windowMs / 1000} s for a ${role}; retry in ${retryAfter} s`,
      { limit: limit.limit, windowSeconds: limit.windowMs / 1000, retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
