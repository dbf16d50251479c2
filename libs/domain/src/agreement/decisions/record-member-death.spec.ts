import type { RecordMemberDeath } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { expectedPremium } from '../coverage';
import {
  given,
  naturalDeathPaid,
  nik,
  signedState,
  sumbaFullyEnrolled,
  DEFAULT_MONTHLY_CONTRIBUTION,
} from '../../testing/fixtures';

/** Rule 2 across agreements: the worker died and the benefit was paid under another agreement (rule 9: once). */
const died = (memberNik: string, dateOfDeath: string): RecordMemberDeath => ({
  type: 'RecordMemberDeath',
  data: { nik: memberNik, dateOfDeath, benefitAgreementId: 'sulteng-2025', benefitClaimId: `JKM/${memberNik}` },
});
const memberDied = (memberNik: string, dateOfDeath: string): AgreementEvent => ({
  type: 'MemberDied',
  data: died(memberNik, dateOfDeath).data,
});
const sumba = sumbaFullyEnrolled();

describe('Rule 2: a death whose benefit another agreement paid', () => {
  it("ends the member's coverage here on the date of death", () => {
    given(sumba)
      .when(died(nik(3), '2025-10-20'))
      .then([memberDied(nik(3), '2025-10-20')]);
  });

  it('takes the months after the death out of the expected premium', () => {
    const before = expectedPremium(signedState(sumba));
    const after = expectedPremium(signedState([...sumba, memberDied(nik(3), '2025-10-20')]));
    expect(before - after).toBe(2 * DEFAULT_MONTHLY_CONTRIBUTION);
  });

  it('changes nothing when repeated, when the worker is not a member here, or when coverage had already ended', () => {
    given([...sumba, memberDied(nik(3), '2025-10-20')])
      .when(died(nik(3), '2025-10-20'))
      .thenNothingHappens();
    given(sumba)
      .when(died(nik(99_999), '2025-10-20'))
      .thenNothingHappens();
    given([...sumba, naturalDeathPaid(nik(4), '2025-10-10', 'JKM-4')])
      .when(died(nik(4), '2025-10-10'))
      .thenNothingHappens();
    given(sumba)
      .when(died(nik(5), '2026-02-01'))
      .thenNothingHappens();
  });
});
