import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { CALENDAR_RANGE, isCalendarDate, isInstant } from '@pks/domain';

/** A calendar date `YYYY-MM-DD` that exists, in the years the product accepts. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () =>
          `must be an existing calendar date YYYY-MM-DD from ${CALENDAR_RANGE.firstYear} to ${CALENDAR_RANGE.lastYear}`,
      },
    },
    options,
  );
}

/** An ISO-8601 instant that exists, with `Z` or an offset: never read in the server's time zone. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be an existing ISO-8601 instant with Z or an offset, e.g. 2025-11-01T00:00:00Z`,
      },
    },
    options,
  );
}

const DECIMAL = /^\d{1,16}$/;

/**
 * A whole number in a query string, written in plain decimal digits: `0x10`, `+5`, `1e19` and `16.0` are
 * refused, not read as numbers. At most Number.MAX_SAFE_INTEGER unless a lower `max` is given.
 */
export function QueryInteger(min: number, max: number = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
  );
  return (target: object, property: string | symbol) => {
    transform(target, property);
    IsInt({ message: `${String(property)} must be a whole number written in decimal digits` })(target, property);
    Min(min)(target, property);
    Max(max)(target, property);
  };
}
