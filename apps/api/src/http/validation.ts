import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import type { ValidationIssue } from '@pks/domain';
import { MEMBER_ROWS_SHAPE } from '../dto/member-rows.validator';

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
    const own = Object.entries(error.constraints ?? {}).flatMap(([name, reason]) =>
      name === MEMBER_ROWS_SHAPE ? rowIssues(reason) : [{ path, reason }],
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** `members[3].nik: reason` lines, one issue each. */
function rowIssues(lines: string): ValidationIssue[] {
  return lines.split('\n').map((line) => {
    const at = line.indexOf(': ');
    return { path: line.slice(0, at), reason: line.slice(at + 2) };
  });
}
