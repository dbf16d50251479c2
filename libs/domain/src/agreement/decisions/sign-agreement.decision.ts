import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import { PROVINCE_CODES } from '../../shared/nik';
import { CONTRIBUTION_SCHEDULE, DECLARED_INCOME } from '../../shared/schedules';
import type { DecisionContext, SignAgreement } from '../agreement.commands';
import { FUNDING_SOURCES, PROGRAMS, type AgreementSigned } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { requireNotInFuture } from './guards';

export const AGREEMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2})?$/;

/** Rule 1: an agreement id is used once, ever; coverage may start before the signature. */
export function decideSignAgreement(
  state: AgreementState,
  { data }: SignAgreement,
  { today }: DecisionContext,
): AgreementSigned[] {
  if (state.status !== 'none') {
    throw new DomainError('AGREEMENT_EXISTS', `agreement ${state.agreementId} already exists`);
  }
  validate(data);
  requireNotInFuture(data.signedOn, today, 'signedOn');
  if (data.coverage.end < data.coverage.start) {
    throw new DomainError('INVALID_PERIOD', 'coverage end precedes its start', data.coverage);
  }
  const firstRate = CONTRIBUTION_SCHEDULE[0].effectiveFrom;
  if (data.coverage.start < firstRate) {
    throw new DomainError('INVALID_PERIOD', `coverage cannot start before ${firstRate}, the first scheduled rate`);
  }
  return [
    {
      type: 'AgreementSigned',
      data: {
        agreementId: data.agreementId,
        pksNumber: data.pksNumber,
        pemda: { regionCode: data.pemda.regionCode, name: data.pemda.name },
        branch: { code: data.branch.code, name: data.branch.name },
        signedOn: data.signedOn,
        coverage: { start: data.coverage.start, end: data.coverage.end },
        programs: PROGRAMS.filter((p) => data.programs.includes(p)),
        funding: { source: data.funding.source, budget: data.funding.budget },
        defaultDeclaredIncome: data.defaultDeclaredIncome ?? DECLARED_INCOME.default,
      },
    },
  ];
}

function validate(data: SignAgreement['data']): void {
  const c = new FieldChecks();
  c.pattern(data.agreementId, AGREEMENT_ID_PATTERN, 'agreementId', 'must match ^[a-z0-9][a-z0-9-]{2,63}$');
  c.text(data.pksNumber, 'pksNumber');
  if (c.pattern(data.pemda?.regionCode, REGION_CODE_PATTERN, 'pemda.regionCode', 'must be PP or PP.KK')) {
    c.check(PROVINCE_CODES.has(data.pemda.regionCode.slice(0, 2)), 'pemda.regionCode', 'unknown province code');
  }
  c.text(data.pemda?.name, 'pemda.name');
  c.text(data.branch?.code, 'branch.code', 32);
  c.text(data.branch?.name, 'branch.name');
  c.date(data.signedOn, 'signedOn');
  c.date(data.coverage?.start, 'coverage.start');
  c.date(data.coverage?.end, 'coverage.end');
  const programs: unknown[] = Array.isArray(data.programs) ? data.programs : [];
  c.check(
    programs.length === PROGRAMS.length && PROGRAMS.every((p) => programs.includes(p)),
    'programs',
    'must list JKK and JKM once each: the Pemda-funded segment covers both programs',
  );
  c.oneOf(data.funding?.source, FUNDING_SOURCES, 'funding.source');
  c.rupiah(data.funding?.budget, 'funding.budget', 0);
  if (data.defaultDeclaredIncome !== undefined) {
    c.rupiah(data.defaultDeclaredIncome, 'defaultDeclaredIncome', DECLARED_INCOME.min, DECLARED_INCOME.max);
  }
  rejectIfInvalid(c.issues, 'SignAgreement');
}
