import { isValidNik, nikProblems, PROVINCE_CODES } from './nik';

/** Builds a NIK from its parts: province, regency, district, DDMMYY, serial. */
const nikOf = (province: string, ddmmyy = '150885', serial = '0001') => `${province}1801${ddmmyy}${serial}`;

describe('NIK structure (rule 3)', () => {
  it('knows exactly the 38 province codes', () => {
    const expected = [
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '21',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '51',
      '52',
      '53',
      '61',
      '62',
      '63',
      '64',
      '65',
      '71',
      '72',
      '73',
      '74',
      '75',
      '76',
      '81',
      '82',
      '91',
      '92',
      '93',
      '94',
      '95',
      '96',
    ];
    expect(PROVINCE_CODES.size).toBe(38);
    expect([...PROVINCE_CODES].sort()).toEqual(expected);
  });

  it('accepts a man born 15 August 1985 in Sumba Barat Daya', () => {
    expect(nikProblems(nikOf('53'))).toEqual([]);
    expect(isValidNik(nikOf('53'))).toBe(true);
  });

  it.each(['41', '55', '71'])('accepts a woman whose birth day is %s (day + 40)', (day) => {
    expect(nikProblems(nikOf('53', `${day}0885`))).toEqual([]);
  });

  it('does not require the prefix to match the Pemda: people move', () => {
    expect(isValidNik(nikOf('11'))).toBe(true);
    expect(isValidNik(nikOf('96'))).toBe(true);
  });

  it.each(['10', '20', '37', '50', '54', '77', '90', '97', '00'])(
    'refuses province %s, not one of the 38',
    (province) => {
      expect(nikProblems(nikOf(province))).toEqual([`province code ${province} is not one of the 38 provinces`]);
    },
  );

  it.each(['00', '32', '40', '72'])('refuses birth day %s', (day) => {
    expect(nikProblems(nikOf('53', `${day}0885`))).toEqual([`birth day ${day} is not 01-31 (men) or 41-71 (women)`]);
  });

  it.each(['00', '13'])('refuses birth month %s', (month) => {
    expect(nikProblems(nikOf('53', `15${month}85`))).toEqual([`birth month ${month} is not 01-12`]);
  });

  it('refuses serial 0000', () => {
    expect(nikProblems(nikOf('53', '150885', '0000'))).toEqual(['serial number 0000 is not issued']);
  });

  it.each([
    ['15 digits', '531801150885001'],
    ['17 digits', '53180115088500011'],
    ['a letter', '53180115088500A1'],
    ['spaces', '5318 0115 0885 0001'],
    ['a number, not a text', 5318011508850001],
    ['nothing', undefined],
  ])('refuses a NIK of %s', (_, value) => {
    expect(nikProblems(value)).toEqual(['NIK must be exactly 16 digits']);
  });

  it('names every problem of one NIK at once', () => {
    expect(nikProblems('9918017213850000')).toEqual([
      'province code 99 is not one of the 38 provinces',
      'birth day 72 is not 01-31 (men) or 41-71 (women)',
      'birth month 13 is not 01-12',
      'serial number 0000 is not issued',
    ]);
  });
});
