import { PERSONAL_DATA_MASKED, PERSONAL_DATA_SHOWN } from '@pks/domain';
import { maskPersonalData } from './personal-data.masker';

describe('masking personal data in any answer (rule 12)', () => {
  const worker = {
    nik: '5318014107900001',
    name: 'Maria Ngongo',
    agreements: [{ agreementId: 'sbd-2025', pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' } }],
    benefit: { heirName: 'Yohana Bulu', claimId: 'jkm-5318014107900001', reference: 'SP2D 0031/X/2025' },
  };

  it("masks a worker's NIK and name and an heir's name, and a NIK quoted in free text", () => {
    expect(maskPersonalData(worker, PERSONAL_DATA_MASKED)).toEqual({
      nik: '531801******0001',
      name: 'M. N.',
      agreements: worker.agreements,
      benefit: { heirName: 'Y. B.', claimId: 'jkm-531801******0001', reference: 'SP2D 0031/X/2025' },
    });
  });

  it("leaves names that are not a person's alone: a cohort's, a Pemda's, a branch's", () => {
    const cohort = {
      cohortId: 'berkah-nelayan',
      name: 'Program Berkah Nelayan',
      members: [{ nik: worker.nik, name: 'Maria Ngongo' }],
    };
    expect(maskPersonalData(cohort, PERSONAL_DATA_MASKED)).toEqual({
      ...cohort,
      members: [{ nik: '531801******0001', name: 'M. N.' }],
    });
    const heir = { nik: worker.nik, heir: { name: 'Yohana Bulu', relationship: 'spouse' } };
    expect(maskPersonalData(heir, PERSONAL_DATA_MASKED).heir).toEqual({ name: 'Y. B.', relationship: 'spouse' });
  });

  it('changes nothing for a role that sees personal data, and leaves what is not plain data as it is', () => {
    expect(maskPersonalData(worker, PERSONAL_DATA_SHOWN)).toBe(worker);
    const file = new (class StreamedFile {
      readonly nik = '5318014107900001';
    })();
    expect(maskPersonalData(file, PERSONAL_DATA_MASKED)).toBe(file);
    expect(maskPersonalData(['5318014107900001', 42, null], PERSONAL_DATA_MASKED)).toEqual([
      '531801******0001',
      42,
      null,
    ]);
  });
});
