import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { EnrollBatchDto, EnrollCohortDto } from '../dto/enroll-cohort.dto';
import { requestValidationPipe, VALIDATION_OPTIONS } from './validation';

/** The pipe as configured, without the fast way through batches: every answer must stay equal to its answer. */
const reference = () => new ValidationPipe(VALIDATION_OPTIONS);

const row = (i: number) => ({
  nik: `53180141079${String(10_000 + i)}`,
  name: `Pekerja ${i}`,
  occupation: 'nelayan',
  villageCode: '53.18.01.2001',
});
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: '' });

/** The outcome of a pipe: the value it passes on (as JSON) or the error it throws (status, code, details). */
async function outcome(pipe: ValidationPipe, value: unknown, metatype: ArgumentMetadata['metatype']) {
  try {
    const passed = await pipe.transform(structuredClone(value), body(metatype));
    return { passed: JSON.parse(JSON.stringify(passed)) as unknown, type: (passed as object).constructor.name };
  } catch (error) {
    const { name, message, code, details } = error as Error & { code?: string; details?: unknown };
    return { refused: { name, message, code, details } };
  }
}

describe('the request validation pipe on batches of members', () => {
  const cases: [string, unknown, ArgumentMetadata['metatype']][] = [
    ['a valid first batch', { cohortId: 'nelayan', name: 'Program Nelayan', members: rows(1_000) }, EnrollCohortDto],
    ['a valid next batch with its date', { effectiveFrom: '2025-10-01', members: rows(3) }, EnrollBatchDto],
    ['a bad cohort id with good rows', { cohortId: 7, name: 'x', members: rows(2) }, EnrollCohortDto],
    ['an unknown field with good rows', { members: rows(2), extra: true }, EnrollBatchDto],
    ['a missing name of a new cohort', { cohortId: 'nelayan', members: rows(2) }, EnrollCohortDto],
    ['one row with a field too many among good ones', { members: [...rows(5), { ...row(9), age: 3 }] }, EnrollBatchDto],
    ['rows of the wrong types', { members: [row(1), { ...row(2), nik: 5 }, 'x', null, []] }, EnrollBatchDto],
    ['no rows', { members: [] }, EnrollBatchDto],
    ['rows that are not a list', { members: { nik: '1' } }, EnrollBatchDto],
    ['too many rows', { members: rows(5_001) }, EnrollBatchDto],
    ['a bad date and a bad row', { effectiveFrom: 'soon', members: [{ ...row(1), name: 1 }] }, EnrollBatchDto],
    ['a body that is a list', [row(1)], EnrollBatchDto],
  ];

  it.each(cases)('answers %s exactly as the plain pipe does', async (_label, value, metatype) => {
    expect(await outcome(requestValidationPipe(), value, metatype)).toEqual(
      await outcome(reference(), value, metatype),
    );
  });

  it('names the one bad row among a thousand good ones', async () => {
    const members = rows(1_000);
    members[500] = { ...members[500], age: 3 } as (typeof members)[number];
    await expect(requestValidationPipe().transform({ members }, body(EnrollBatchDto))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'members[500].age', reason: 'is not a field of a member' }],
    });
  });

  it('passes the rows of a valid batch on as they were parsed, in a DTO instance', async () => {
    const sent = { cohortId: 'nelayan', name: 'Program Nelayan', members: rows(2) };
    const passed = (await requestValidationPipe().transform(sent, body(EnrollCohortDto))) as EnrollCohortDto;
    expect(passed).toBeInstanceOf(EnrollCohortDto);
    expect(passed.members).toBe(sent.members);
    expect(passed).toMatchObject({ cohortId: 'nelayan', name: 'Program Nelayan' });
  });
});
