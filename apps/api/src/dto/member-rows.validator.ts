import { ValidateBy, type ValidationArguments } from 'class-validator';

/** The fields of a member row and the longest text each may carry (declaredIncome: a number). */
const TEXT_FIELDS: Readonly<Record<string, number>> = { nik: 16, name: 200, occupation: 100, villageCode: 13 };
const FIELDS = new Set([...Object.keys(TEXT_FIELDS), 'declaredIncome']);

/**
 * The shape of every member row, in one pass without building an object per row: a plain object with the
 * known fields only, texts no longer than allowed, a numeric income. What the values mean (NIK structure,
 * village code, income range) is the domain's check, made once.
 */
/** Constraint name the validation pipe reads row by row. */
export const MEMBER_ROWS_SHAPE = 'memberRowsShape';

export function MemberRowsShape(): PropertyDecorator {
  return ValidateBy({
    name: MEMBER_ROWS_SHAPE,
    validator: {
      validate: (rows: unknown) => Array.isArray(rows) && rows.every((row) => rowProblem(row) === null),
      defaultMessage: (args?: ValidationArguments) => allProblems(args?.value),
    },
  });
}

/** Every bad row, one per line as `members[i].field: reason`: the validation pipe makes each a detail. */
function allProblems(rows: unknown): string {
  if (!Array.isArray(rows)) return 'members: must be a list';
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const problem = rowProblem(row);
    if (problem !== null) problems.push(`members[${i}]${problem}`);
  });
  return problems.join('\n');
}

/** Whether every row has the shape of a member row (what {@link MemberRowsShape} accepts). */
export function everyRowIsShaped(rows: readonly unknown[]): boolean {
  for (let i = 0; i < rows.length; i++) if (rowProblem(rows[i]) !== null) return false;
  return true;
}

function rowProblem(row: unknown): string | null {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return ': must be an object';
  for (const field in row) {
    if (!Object.hasOwn(row, field)) continue;
    const value = (row as Record<string, unknown>)[field];
    if (!FIELDS.has(field)) return `.${field}: is not a field of a member`;
    const max = TEXT_FIELDS[field];
    if (max !== undefined && (typeof value !== 'string' || value.length > max)) {
      return `.${field}: must be a text of at most ${max} characters`;
    }
    if (field === 'declaredIncome' && typeof value !== 'number') return '.declaredIncome: must be a number';
  }
  return null;
}
