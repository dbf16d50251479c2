import { deciderSpecification } from '../testing/decider-specification';
import { nik } from '../testing/fixtures';
import {
  decideClaimDeathBenefit,
  decideReleaseDeathBenefitClaim,
  evolvePerson,
  personStreamId,
  type PersonEvent,
  type PersonState,
} from './person.decider';

type Claim = { nik: string; agreementId: string; claimId: string };
type PersonCommand = { type: 'Claim'; claim: Claim } | { type: 'Release'; claim: Claim; reason: string };

const given = deciderSpecification<PersonState, PersonCommand, PersonEvent, undefined>(
  {
    decide: (state, command) =>
      command.type === 'Claim'
        ? decideClaimDeathBenefit(state, command.claim)
        : decideReleaseDeathBenefitClaim(state, command.claim, command.reason),
    evolve: evolvePerson,
    initialState: {},
  },
  undefined,
);

const fisher = nik(1);
const atLuwuTimur: Claim = { nik: fisher, agreementId: 'luwu-timur-2025', claimId: 'JKM-1' };
const atSulawesiSelatan: Claim = { nik: fisher, agreementId: 'sulawesi-selatan-2025', claimId: 'JKM-9' };
const claimed = (claim: Claim): PersonEvent => ({ type: 'DeathBenefitClaimed', data: claim });
const released = (claim: Claim): PersonEvent => ({
  type: 'DeathBenefitClaimReleased',
  data: { ...claim, reason: 'NOT_COVERED' },
});

describe('Rule 9: a death benefit is paid once per person across all agreements', () => {
  it("claims a person's death benefit for one claim of one agreement", () => {
    given([])
      .when({ type: 'Claim', claim: atLuwuTimur })
      .then([claimed(atLuwuTimur)]);
  });

  it('refuses a second claim at another agreement (a kabupaten and its province both covering the fisher)', () => {
    given([claimed(atLuwuTimur)])
      .when({ type: 'Claim', claim: atSulawesiSelatan })
      .thenThrows('BENEFIT_ALREADY_PAID', { agreementId: 'luwu-timur-2025', claimId: 'JKM-1' });
  });

  it('refuses another claim at the same agreement', () => {
    given([claimed(atLuwuTimur)])
      .when({ type: 'Claim', claim: { ...atLuwuTimur, claimId: 'JKM-2' } })
      .thenThrows('BENEFIT_ALREADY_PAID');
  });

  it('treats the same claim claimed again as done (a retried command is a no-op)', () => {
    given([claimed(atLuwuTimur)])
      .when({ type: 'Claim', claim: atLuwuTimur })
      .thenNothingHappens();
  });

  it('releases a claim its agreement refused, with the reason', () => {
    given([claimed(atLuwuTimur)])
      .when({ type: 'Release', claim: atLuwuTimur, reason: 'NOT_COVERED' })
      .then([released(atLuwuTimur)]);
  });

  it('lets another agreement claim the benefit once the first claim is released', () => {
    given([claimed(atLuwuTimur), released(atLuwuTimur)])
      .when({ type: 'Claim', claim: atSulawesiSelatan })
      .then([claimed(atSulawesiSelatan)]);
  });

  it('releases nothing for a claim that does not hold the benefit', () => {
    given([claimed(atLuwuTimur)])
      .when({ type: 'Release', claim: atSulawesiSelatan, reason: 'x' })
      .thenNothingHappens();
    given([]).when({ type: 'Release', claim: atLuwuTimur, reason: 'x' }).thenNothingHappens();
  });

  it('keeps the held claim when a release of another claim is folded', () => {
    given([claimed(atLuwuTimur), released(atSulawesiSelatan)])
      .when({ type: 'Claim', claim: atSulawesiSelatan })
      .thenThrows('BENEFIT_ALREADY_PAID', { agreementId: 'luwu-timur-2025', claimId: 'JKM-1' });
  });

  it('keeps one stream per NIK', () => {
    expect(personStreamId(fisher)).toBe(`person-${fisher}`);
  });
});
