import type { Provider } from '@nestjs/common';
import { AgreementCommandRunner } from './agreements/agreement-command-runner';
import { AgreementStreams } from './agreements/agreement-streams';
import { PersonStreams } from './agreements/person-streams';
import { EnrollCohortHandler } from './commands/enroll-cohort.handler';
import { ExtendPeriodHandler } from './commands/extend-period.handler';
import { PayDeathBenefitHandler } from './commands/pay-death-benefit.handler';
import { RecordPremiumPaymentHandler } from './commands/record-premium-payment.handler';
import { SignAgreementHandler } from './commands/sign-agreement.handler';
import { TerminateAgreementHandler } from './commands/terminate-agreement.handler';
import { WithdrawMemberHandler } from './commands/withdraw-member.handler';
import {
  GetAgreementEventsHandler,
  GetAgreementStateHandler,
  GetAgreementSummaryHandler,
} from './queries/agreement-queries.handlers';
import { ReadYourWrites } from './queries/read-your-writes';

/**
 * Everything the application layer provides. The app module supplies the ports: EVENT_STORE, CLOCK,
 * ID_GENERATOR, MEMBER_DIRECTORY, STATE_CACHE_CAPACITY and CONSISTENCY_TIMEOUT_MS.
 */
export const APPLICATION_PROVIDERS: Provider[] = [
  AgreementStreams,
  PersonStreams,
  AgreementCommandRunner,
  ReadYourWrites,
  SignAgreementHandler,
  EnrollCohortHandler,
  ExtendPeriodHandler,
  PayDeathBenefitHandler,
  RecordPremiumPaymentHandler,
  WithdrawMemberHandler,
  TerminateAgreementHandler,
  GetAgreementSummaryHandler,
  GetAgreementEventsHandler,
  GetAgreementStateHandler,
];
