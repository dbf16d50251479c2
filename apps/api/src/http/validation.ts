import {
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import { MAX_MEMBERS_PER_BATCH, type ValidationIssue } from '@pks/domain';
import { EnrollBatchDto, EnrollCohortDto } from '../dto/enroll-cohort.dto';
import { everyRowIsShaped, MEMBER_ROWS_SHAPE } from '../dto/member-rows.validator';

/** How request DTOs are validated: every bad field becomes one `details` entry with its path and reason. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) =>
    new ApplicationError(
      'VALIDATION_FAILED',
      'the request has invalid fields',
      flatten(errors as ValidationError[], ''),
    ),
};

export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe(VALIDATION_OPTIONS);
}

const MEMBER_BATCHES: ReadonlySet<unknown> = new Set([EnrollBatchDto, EnrollCohortDto]);

/** Stands for the rows while the other fields of a batch are validated: a row that passes every row rule. */
const STAND_IN_ROWS = [{ nik: '0000000000000000', name: 'x', occupation: 'x', villageCode: '00.00.00.0000' }];

/**
 * The pipe, with a fast way through for batches of members. class-transformer copies every row of a batch and
 * class-validator walks them again (3.6 ms for 1,000 rows, issue 14): when every row has the shape of a member
 * row, the other fields are validated with one stand-in row and the rows are kept as parsed (the domain checks
 * what their values mean). Anything refused goes through the whole pipe again, so an error is word for word
 * the one the pipe gives.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const rows = metadata.type === 'body' && MEMBER_BATCHES.has(metadata.metatype) ? membersOf(value) : null;
    if (rows === null) return super.transform(value, metadata);
    let checked: { members: unknown };
    try {
      checked = (await super.transform({ ...(value as object), members: STAND_IN_ROWS }, metadata)) as typeof checked;
    } catch {
      return super.transform(value, metadata);
    }
    checked.members = rows;
    return checked;
  }
}

/** The rows of a batch body when they all have a member row's shape, within the batch size; otherwise null. */
function membersOf(value: unknown): readonly unknown[] | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const rows = (value as { members?: unknown }).members;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > MAX_MEMBERS_PER_BATCH) return null;
  return everyRowIsShaped(rows) ? rows : null;
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
