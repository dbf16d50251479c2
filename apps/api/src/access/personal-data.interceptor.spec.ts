import type { ExecutionContext } from '@nestjs/common';
import { JsonAnswer } from '@pks/projections';
import { lastValueFrom, of } from 'rxjs';
import { niksIn, PersonalDataInterceptor } from './personal-data.interceptor';

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

/** An answer a query wrote as JSON (the double-funding report), through the interceptor on a route of no grant. */
describe('an answer written as JSON on a route without a grant', () => {
  it('shows nobody in it in the clear and logs nobody, as an export there would not', async () => {
    const nik = '5318014107900001';
    const json = `{"items":[{"nik":"${nik}","agreements":["a","b"]}],"totals":{"count":1}}`;
    const answer = new JsonAnswer(Buffer.from(json), [nik]);
    const log = { record: jest.fn(), close: jest.fn() };
    const interceptor = new PersonalDataInterceptor(log, { now: () => '2025-11-10T00:00:00.000Z' });
    const http = { getRequest: () => ({ params: {}, query: {} }) };
    const context = { switchToHttp: () => http } as unknown as ExecutionContext;
    const sent = await lastValueFrom(interceptor.intercept(context, { handle: () => of(answer) }));
    expect(sent).toEqual({ items: [{ nik: '531801******0001', agreements: ['a', 'b'] }], totals: { count: 1 } });
    expect(log.record).not.toHaveBeenCalled();
  });
});
