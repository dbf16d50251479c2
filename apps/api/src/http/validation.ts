import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import type { ValidationIssue } from '@pks/domain';

/** Validates request DTOs; every bad field becomes one `details` entry with its path and reason. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new ApplicationError('VALIDATION_FAILED', 'the request has invalid fields', flatten(errors, '')),
  });
}

function flatten(errors: readonly ValidationError[], prefix: string): ValidationIssue[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ path, reason }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
