import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import { AGREEMENT_ID_PATTERN, COHORT_ID_PATTERN, PAYMENT_ID_PATTERN } from '@pks/domain';

/** Checks a path parameter's shape before any state is read: a malformed id names nothing that can exist. */
abstract class PathParameter implements PipeTransform<string, string> {
  protected abstract readonly name: string;
  protected abstract readonly pattern: RegExp;
  protected abstract readonly reason: string;

  transform(value: string): string {
    if (!this.pattern.test(value)) {
      throw new ApplicationError('VALIDATION_FAILED', `path parameter ${this.name} ${this.reason}`, [
        { path: `params.${this.name}`, reason: this.reason },
      ]);
    }
    return value;
  }
}

@Injectable()
export class AgreementIdParam extends PathParameter {
  protected readonly name = 'id';
  protected readonly pattern = AGREEMENT_ID_PATTERN;
  protected readonly reason = `must match ${AGREEMENT_ID_PATTERN.source}`;
}

@Injectable()
export class CohortIdParam extends PathParameter {
  protected readonly name = 'cohortId';
  protected readonly pattern = COHORT_ID_PATTERN;
  protected readonly reason = `must match ${COHORT_ID_PATTERN.source}`;
}

/** The structure is checked by the domain (rule 3); the transport only asks for 16 digits. */
@Injectable()
export class NikParam extends PathParameter {
  protected readonly name = 'nik';
  protected readonly pattern = /^\d{16}$/;
  protected readonly reason = 'must be 16 digits';
}

@Injectable()
export class PaymentIdParam extends PathParameter {
  protected readonly name = 'paymentId';
  protected readonly pattern = PAYMENT_ID_PATTERN;
  protected readonly reason = `must match ${PAYMENT_ID_PATTERN.source}`;
}
