import { maskName, maskNik, PERSONAL_DATA_MASKED, PERSONAL_DATA_SHOWN } from './personal-data';

describe('rule 12: personal data shown only to those who need it', () => {
  it('shows a masked NIK its region (first 6 digits) and its last 4 digits', () => {
    expect(maskNik('7201014107900001')).toBe('720101******0001');
    expect(maskNik('5318014107900001')).toBe('531801******0001');
  });

  it('masks a string too short to keep a region and a serial whole', () => {
    expect(maskNik('1234567890')).toBe('**********');
    expect(maskNik('')).toBe('');
  });

  it('shows a masked name as its initials', () => {
    expect(maskName('Maria Ngongo')).toBe('M. N.');
    expect(maskName('Yohana Bulu')).toBe('Y. B.');
    expect(maskName('  ni  made   ayu ')).toBe('N. M. A.');
    expect(maskName("'Abdul Rahman")).toBe('A. R.');
    expect(maskName('Ölçek Şahin')).toBe('Ö. Ş.');
    expect(maskName('')).toBe('');
  });

  it('leaves personal data as recorded for roles that see it, and masks it for the others', () => {
    expect([PERSONAL_DATA_SHOWN.nik('5318014107900001'), PERSONAL_DATA_SHOWN.name('Maria Ngongo')]).toEqual([
      '5318014107900001',
      'Maria Ngongo',
    ]);
    expect([PERSONAL_DATA_MASKED.nik('5318014107900001'), PERSONAL_DATA_MASKED.name('Maria Ngongo')]).toEqual([
      '531801******0001',
      'M. N.',
    ]);
  });
});
