import { niksIn } from './personal-data.interceptor';

/** Whom an answer names, for the access log: every `nik` at any depth, once each, in the order named. */
describe('the NIKs an answer names', () => {
  it('finds them in items, nested objects and arrays, once each, first mention first', () => {
    const answer = {
      items: [
        { nik: '5318014107900001', agreements: ['a', 'b'], byMonth: [{ month: '2025-11' }] },
        { nik: '5318011203850002', correction: { nik: '5318014107900001' } },
      ],
      worker: { benefit: { heir: { name: 'Yohana Bulu' } }, nik: '7201014107900003' },
      totals: { count: 2 },
    };
    expect(niksIn(answer)).toEqual(['5318014107900001', '5318011203850002', '7201014107900003']);
  });

  it('names nobody in an answer without a nik field (a NIK quoted in free text is not a read of a worker)', () => {
    expect(niksIn({ claimId: 'jkm-5318014107900001', items: [], nik: 42 })).toEqual([]);
    expect(niksIn(null)).toEqual([]);
  });
});
