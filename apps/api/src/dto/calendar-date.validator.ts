import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@pks/domain';

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => 'must be an existing calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}
