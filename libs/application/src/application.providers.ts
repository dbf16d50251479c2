import type { Provider } from '@nestjs/common';
import { AgreementPartiesDirectory } from './agreements/agreement-parties';
import { AgreementStreams } from './agreements/agreement-streams';
import { CorrectMemberHandler } from './commands/correct-member.handler';
import { EnrollCohortHandler } from './commands/enroll-cohort.handler';
import { ExtendPeriodHandler } from './commands/extend-period.handler';
import { PayDeathBenefitHandler } from './commands/pay-death-benefit.handler';
import { RecordPremiumPaymentHandler } from './commands/record-premium-payment.handler';
import { ReversePremiumPaymentHandler } from './commands/reverse-premium-payment.handler';
import { SignAgreementHandler } from './commands/sign-agreement.handler';
import { StreamCommandHandler } from './commands/stream-command-handler';
import { TerminateAgreementHandler } from './commands/terminate-agreement.handler';
import { WithdrawMemberHandler } from './commands/withdraw-member.handler';
import { LedgerIntegrity } from './ledger/ledger-integrity';
import { PeopleDirectory } from './people/people-directory';
import { GetAgreementEventsHandler, GetAgreementStateHandler } from './queries/agreement-queries.handlers';
import { ReadYourWrites } from './queries/read-your-writes';
import { DeathSpreadReactor } from './reactors/death-spread.reactor';
import { ReactorHost, ReactorsNotifier } from './reactors/reactor-host';
import { StreamReader } from './streams/stream-reader';

/**
 * Everything the application layer provides. The app module supplies the ports: EVENT_STORE (built with
 * LEDGER_INDEXER), CLOCK, ID_GENERATOR, STATE_CACHE_CAPACITY and CONSISTENCY_TIMEOUT_MS.
 */
export const APPLICATION_PROVIDERS: Provider[] = [
  LedgerIntegrity,
  StreamReader,
  StreamCommandHandler,
  AgreementStreams,
  AgreementPartiesDirectory,
  PeopleDirectory,
  ReadYourWrites,
  SignAgreementHandler,
  EnrollCohortHandler,
  ExtendPeriodHandler,
  PayDeathBenefitHandler,
  RecordPremiumPaymentHandler,
  ReversePremiumPaymentHandler,
  CorrectMemberHandler,
  WithdrawMemberHandler,
  TerminateAgreementHandler,
  DeathSpreadReactor,
  ReactorHost,
  ReactorsNotifier,
  GetAgreementEventsHandler,
  GetAgreementStateHandler,
];
