import { PROVINCE_CODES } from '../../libs/domain/src';

const PROVINCES = [...PROVINCE_CODES];

/**
 * A structurally valid NIK, distinct for every index below 38 x 99 x 99 x 9,999 (about 3.7 billion): serial,
 * district, regency and province from the index; a fixed birth date (1 March 1985).
 */
export function benchNik(index: number): string {
  const serial = (index % 9_999) + 1;
  let rest = Math.floor(index / 9_999);
  const district = (rest % 99) + 1;
  rest = Math.floor(rest / 99);
  const regency = (rest % 99) + 1;
  rest = Math.floor(rest / 99);
  if (rest >= PROVINCES.length) throw new Error(`benchNik(${index}): index too large`);
  return `${PROVINCES[rest]}${two(regency)}${two(district)}010385${String(serial).padStart(4, '0')}`;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
