import type { PersonalDataView } from '@pks/domain';

/**
 * Rule 12 over any answer of the API, or any row of an export: every `nik` is a NIK; `name` is a person's name
 * in an object that carries a `nik` (a member, a worker, a correction), never elsewhere (a Pemda's, a branch's,
 * a cohort's name are not personal data); `heir.name` and `heirName` are an heir's. A NIK quoted in free text
 * (a claim id chosen as `jkm-<NIK>`, a reason) is masked too: any run of exactly 16 digits. Plain data only:
 * anything else (a stream, a file) is returned as it is, and must mask its rows itself with the same view.
 */
export function maskPersonalData<T>(value: T, view: PersonalDataView): T {
  return view.masked ? (masked(value, view) as T) : value;
}

const QUOTED_NIK = /(?<!\d)\d{16}(?!\d)/g;

function masked(value: unknown, view: PersonalDataView): unknown {
  if (typeof value === 'string') return value.replace(QUOTED_NIK, (nik) => view.nik(nik));
  if (Array.isArray(value)) return value.map((item) => masked(item, view));
  if (!isPlainObject(value)) return value;
  const person = typeof value.nik === 'string';
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = maskedField(key, field, person, view);
  return out;
}

function maskedField(key: string, field: unknown, person: boolean, view: PersonalDataView): unknown {
  if (typeof field === 'string') {
    if (key === 'nik') return view.nik(field);
    if ((key === 'name' && person) || key === 'heirName') return view.name(field);
  }
  if (key === 'heir' && isPlainObject(field) && typeof field.name === 'string') {
    return { ...(masked(field, view) as Record<string, unknown>), name: view.name(field.name) };
  }
  return masked(field, view);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
