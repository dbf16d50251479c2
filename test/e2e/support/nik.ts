/**
 * Deterministic, structurally valid NIKs (DOMAIN.md rule 3): province + regency + district, birth date DDMMYY
 * (day 01-28, +40 for women; month 01-12), then a serial 0001-9999, never 0000. `index` 0, 1, 2... gives
 * distinct NIKs (odd indexes are women unless `female` says otherwise); `place` is the six digits PPKKDD
 * (default Sumba Barat Daya, 53.18, district 01).
 */
export function nik(index: number, options: { place?: string; female?: boolean } = {}): string {
  const place = options.place ?? '531801';
  if (!/^\d{6}$/.test(place)) throw new Error(`place must be six digits, not ${place}`);
  const serial = (index % 9999) + 1;
  const k = Math.floor(index / 9999);
  const female = options.female ?? index % 2 === 1;
  const day = (k % 28) + 1 + (female ? 40 : 0);
  const month = (Math.floor(k / 28) % 12) + 1;
  const year = (80 + Math.floor(k / 336)) % 100;
  return `${place}${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(serial, 4)}`;
}

/** `count` distinct NIKs: those of indexes `first`, `first + 1`... */
export function niks(count: number, first = 0, place?: string): string[] {
  return Array.from({ length: count }, (_, i) => nik(first + i, { place }));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
