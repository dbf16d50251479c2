import { memberRow } from '../e2e/support/bodies';
import { chance, dateIn, int, pick, words, type Gen } from './draw';
import { addDays, endOfMonthAfter } from './fuzz-dates';
import type { RequestPlan } from './fuzz-request';
import type { FuzzWorld } from './fuzz-world';

/** A valid request of one documented route, built against the world's agreements at the moment it is sent. */
export type ValidBuilder = (world: FuzzWorld, g: Gen) => Promise<RequestPlan>;

const OCCUPATIONS = ['nelayan', 'petani', 'peternak', 'buruh harian', 'pedagang kecil', 'kader posyandu'];
const RELATIONSHIPS = ['spouse', 'child', 'parent', 'grandchild', 'sibling', 'parent-in-law', 'will-appointee'];
const SOURCES = ['APBD', 'APBD-P', 'APBDes', 'OTHER'];

function post(template: string, pathParams: Record<string, string>, body: RequestPlan['body']): RequestPlan {
  return { method: 'POST', template, pathParams, query: [], headers: {}, body };
}

function members(world: FuzzWorld, g: Gen) {
  return Array.from({ length: int(g, 1, 8) }, () => {
    const row = memberRow(world.freshNik(), { name: words(g), occupation: pick(g, OCCUPATIONS) });
    return chance(g, 0.3) ? { ...row, declaredIncome: int(g, 1_000_000, 20_700_000) } : row;
  });
}

export const VALID_COMMANDS: Readonly<Record<string, ValidBuilder>> = {
  'POST /agreements': async (world, g) => {
    const start = `2025-${String(int(g, 1, 6)).padStart(2, '0')}-01`;
    const body = {
      agreementId: world.freshId('sign'),
      pksNumber: `560/${int(g, 1, 999)}/DISNAKERTRANS/2025`,
      pemda: { regionCode: pick(g, world.regions), name: `Kabupaten ${words(g)}` },
      branch: { code: pick(g, ['SUMBA', 'PALU', 'LUWU']), name: `Kantor Cabang ${words(g)}` },
      signedOn: dateIn(g, addDays(start, -60), addDays(start, 20)),
      coverage: { start, end: endOfMonthAfter(start, int(g, 0, 5)) },
      programs: pick(g, [
        ['JKK', 'JKM'],
        ['JKM', 'JKK'],
      ]),
      funding: { source: pick(g, SOURCES), budget: int(g, 0, 1_000_000_000_000) },
      ...(chance(g, 0.3) ? { defaultDeclaredIncome: int(g, 1_000_000, 20_700_000) } : {}),
    };
    return post('/agreements', {}, body);
  },
  'POST /agreements/{id}/cohorts': async (world, g) => {
    const a = await world.agreement('main');
    const effectiveFrom = chance(g, 0.5) ? { effectiveFrom: dateIn(g, a.start, a.end) } : {};
    const body = { cohortId: world.freshId('cohort'), name: words(g), ...effectiveFrom, members: members(world, g) };
    return post('/agreements/{id}/cohorts', { id: a.id }, body);
  },
  'POST /agreements/{id}/cohorts/{cohortId}/members': async (world, g) => {
    const a = await world.agreement('main');
    const effectiveFrom = chance(g, 0.5) ? { effectiveFrom: dateIn(g, a.start, a.end) } : {};
    const body = { ...effectiveFrom, members: members(world, g) };
    return post('/agreements/{id}/cohorts/{cohortId}/members', { id: a.id, cohortId: a.cohortId }, body);
  },
  'POST /agreements/{id}/extensions': async (world, g) => {
    const a = await world.agreement('extension');
    const budget = chance(g, 0.5) ? { additionalBudget: int(g, 0, 1_000_000_000) } : {};
    const body = { newEnd: endOfMonthAfter(a.end, int(g, 1, 3)), ...budget, reference: `Perda APBD ${words(g)}` };
    return post('/agreements/{id}/extensions', { id: a.id }, body);
  },
  'POST /agreements/{id}/death-benefits': async (world, g) => {
    const { agreement: a, nik } = await world.member('deaths');
    const dateOfDeath = dateIn(g, a.start, a.end);
    const body = {
      claimId: world.freshId('jkm'),
      nik,
      dateOfDeath,
      cause: pick(g, ['natural', 'work-accident']),
      heir: { name: words(g), relationship: pick(g, RELATIONSHIPS) },
      paidOn: addDays(dateOfDeath, int(g, 0, 20)),
    };
    return post('/agreements/{id}/death-benefits', { id: a.id }, body);
  },
  'POST /agreements/{id}/premium-payments': async (world, g) => {
    const a = await world.agreement('main');
    const body = {
      paymentId: world.freshId('sp2d'),
      amount: int(g, 1, 1_000_000_000),
      paidOn: dateIn(g, a.signedOn, '2025-12-31'),
      reference: `SP2D ${int(g, 1, 9999)}/${words(g)}`,
    };
    return post('/agreements/{id}/premium-payments', { id: a.id }, body);
  },
  'POST /agreements/{id}/premium-payments/{paymentId}/reversal': async (world, g) => {
    const { agreement: a, paymentId } = await world.payment('main');
    const body = { reason: words(g), reversedOn: dateIn(g, a.signedOn, '2025-12-31') };
    return post('/agreements/{id}/premium-payments/{paymentId}/reversal', { id: a.id, paymentId }, body);
  },
  'POST /agreements/{id}/members/{nik}/corrections': async (world, g) => {
    const { agreement: a, nik } = await world.member('main');
    // Values that differ from the fresh member's (memberRow's), so that the correction records something.
    const month = `2025-${String(int(g, 1, 12)).padStart(2, '0')}`;
    const body = pick(g, [
      { name: words(g) },
      {
        occupation: pick(
          g,
          OCCUPATIONS.filter((o) => o !== 'nelayan'),
        ),
      },
      { villageCode: `${a.regionCode.slice(0, 2)}.02.01.${String(int(g, 1000, 2999))}` },
      { declaredIncome: int(g, 1_000_001, 20_700_000), incomeFrom: month },
      { correctedNik: world.freshNik() },
    ]);
    return post('/agreements/{id}/members/{nik}/corrections', { id: a.id, nik }, { ...body, reason: words(g) });
  },
  'POST /agreements/{id}/members/{nik}/withdrawal': async (world, g) => {
    const { agreement: a, nik } = await world.member('withdrawals');
    const body = { effectiveDate: dateIn(g, addDays(a.start, 1), a.end), reason: words(g) };
    return post('/agreements/{id}/members/{nik}/withdrawal', { id: a.id, nik }, body);
  },
  'POST /agreements/{id}/termination': async (world, g) => {
    const a = await world.agreement('terminable');
    const body = { effectiveDate: dateIn(g, addDays(a.start, 1), a.end), reason: words(g) };
    return post('/agreements/{id}/termination', { id: a.id }, body);
  },
};
