import type { EnrollCohort, MemberRow } from '../agreement.commands';
import { isValidNik } from '../../shared/nik';
import { agreementSigned, given, members, nik } from '../../testing/fixtures';

const batch = (rows: MemberRow[]): EnrollCohort => ({
  type: 'EnrollCohort',
  data: { cohortId: 'pekerja-rentan', name: 'Pekerja Rentan', members: rows },
});
/** Row `index` of a batch with its NIK replaced. */
const withNik = (index: number, value: string): MemberRow => ({ ...members(1, index)[0], nik: value });

describe('Rule 3: NIK checks on enrolment', () => {
  const signed = agreementSigned();

  it('produces valid, distinct NIKs for fixtures (men and women)', () => {
    const niks = [...Array.from({ length: 20_000 }, (_, i) => nik(i)), nik(3, { woman: true })];
    expect(new Set(niks).size).toBe(niks.length);
    expect(niks.filter((value) => !isValidNik(value))).toEqual([]);
    given([signed])
      .when(batch([...members(3), withNik(3, nik(3, { woman: true }))]))
      .then([expect.anything()]);
  });

  it('accepts a woman whose birth day has 40 added (41-71)', () => {
    given([signed])
      .when(batch([withNik(0, '5318015108850001'), withNik(1, '5318017112850002')]))
      .then([expect.anything()]);
  });

  it('accepts a NIK from another province: the prefix need not match the Pemda', () => {
    given([signed])
      .when(batch([withNik(0, '7324011508850001')]))
      .then([expect.anything()]);
  });

  it('a batch with an invalid NIK is rejected whole, naming every bad row and why', () => {
    const rows = [
      ...members(2),
      withNik(2, '9918011508850001'), // province 99
      withNik(3, '5318010008850001'), // day 00
      withNik(4, '5318013208850001'), // day 32
      withNik(5, '5318014008850001'), // day 40: neither a man's nor a woman's day
      withNik(6, '5318017208850001'), // day 72
      withNik(7, '5318011500850001'), // month 00
      withNik(8, '5318011513850001'), // month 13
      withNik(9, '5318011508850000'), // serial 0000
      withNik(10, '531801150885001'), // 15 digits
      ...members(1, 11),
    ];
    given([signed])
      .when(batch(rows))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'members[2].nik', reason: 'province code 99 is not one of the 38 provinces' },
        { path: 'members[3].nik', reason: 'birth day 00 is not 01-31 (men) or 41-71 (women)' },
        { path: 'members[4].nik', reason: 'birth day 32 is not 01-31 (men) or 41-71 (women)' },
        { path: 'members[5].nik', reason: 'birth day 40 is not 01-31 (men) or 41-71 (women)' },
        { path: 'members[6].nik', reason: 'birth day 72 is not 01-31 (men) or 41-71 (women)' },
        { path: 'members[7].nik', reason: 'birth month 00 is not 01-12' },
        { path: 'members[8].nik', reason: 'birth month 13 is not 01-12' },
        { path: 'members[9].nik', reason: 'serial number 0000 is not issued' },
        { path: 'members[10].nik', reason: 'NIK must be exactly 16 digits' },
      ]);
  });

  it('names each problem of a row that has several', () => {
    given([signed])
      .when(batch([...members(1), withNik(1, '5518017213850000')]))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'members[1].nik', reason: 'province code 55 is not one of the 38 provinces' },
        { path: 'members[1].nik', reason: 'birth day 72 is not 01-31 (men) or 41-71 (women)' },
        { path: 'members[1].nik', reason: 'birth month 13 is not 01-12' },
        { path: 'members[1].nik', reason: 'serial number 0000 is not issued' },
      ]);
  });

  it('finds a bad row at the end of a batch of 5,000', () => {
    const rows = [...members(4_999), withNik(4_999, '5318011508850000')];
    given([signed])
      .when(batch(rows))
      .thenThrows('VALIDATION_FAILED', [{ path: 'members[4999].nik', reason: 'serial number 0000 is not issued' }]);
  });
});
