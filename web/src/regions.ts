/** Indonesia's provinces by their BPS region code, to name the first level of the drill-down. */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua Barat',
  '92': 'Papua Barat Daya',
  '94': 'Papua',
  '95': 'Papua Selatan',
  '96': 'Papua Tengah',
  '97': 'Papua Pegunungan',
};

/** The region one level below `parent` that `code` belongs to ('' is the country: its children are provinces). */
export function childOf(parent: string, code: string): string | null {
  if (parent === '') return code.slice(0, 2);
  if (code === parent || !code.startsWith(`${parent}.`)) return null;
  const depth = parent.split('.').length + 1;
  return code.split('.').slice(0, depth).join('.');
}

/** `72.01` -> ['72', '72.01']: the path of the breadcrumb. */
export function ancestors(code: string): string[] {
  const parts = code === '' ? [] : code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
