import type { PersonalDataView } from './export-table';

/**
 * The seam of rule 12 for exports: how the caller may see NIKs and names, applied to every row. Until the
 * caller's roles are known (issue 10's authentication), everyone sees personal data as recorded.
 */
export const PERSONAL_DATA_AS_RECORDED: PersonalDataView = { nik: (nik) => nik, name: (name) => name };

export function personalDataViewOf(_request: unknown): PersonalDataView {
  return PERSONAL_DATA_AS_RECORDED;
}
