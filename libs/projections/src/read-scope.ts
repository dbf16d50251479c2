/**
 * The agreements a caller may read (API.md "Access"): every agreement, or those whose region code is one of
 * `regions` or below it (a prefix matches the way the region filters do: `72` covers `72.01`, never `721`), and
 * those of the branches in `branches`. List and region queries answer only what the scope covers, totals too.
 */
export type ReadScope =
  | { readonly everything: true }
  | { readonly everything: false; readonly regions: readonly string[]; readonly branches: readonly string[] };

export const EVERYTHING: ReadScope = { everything: true };

/** A scope that covers no agreement (a finance officer whose token names no region). */
export const NOBODY: ReadScope = { everything: false, regions: [], branches: [] };

export function scopeOf(regions: readonly string[], branches: readonly string[]): ReadScope {
  return { everything: false, regions, branches };
}

/** A region prefix covers the region itself and every region below it. */
function regionCovers(prefix: string, regionCode: string): boolean {
  return regionCode === prefix || regionCode.startsWith(`${prefix}.`);
}

/** Is an agreement of this region and branch in the scope? */
export function inScope(scope: ReadScope, regionCode: string, branchCode: string): boolean {
  if (scope.everything) return true;
  return scope.regions.some((prefix) => regionCovers(prefix, regionCode)) || scope.branches.includes(branchCode);
}

/**
 * Does the scope leave everything within `regionCode` visible (the whole country when undefined)? Then a query
 * of that region may answer from the totals kept for it, as for an unscoped caller.
 */
export function coversRegion(scope: ReadScope, regionCode: string | undefined): boolean {
  if (scope.everything) return true;
  if (regionCode === undefined || regionCode === '') return false;
  return scope.regions.some((prefix) => regionCovers(prefix, regionCode));
}

/**
 * SQL condition on an agreement's region and branch columns, with the named parameters of `scopeParams`. For
 * the unscoped it names no column, so that the plan (covering indexes) is the one of a query without a scope.
 */
export function scopeMatch(scope: ReadScope, regionColumn: string, branchColumn: string): string {
  if (scope.everything) return '1 = 1';
  return `(EXISTS (SELECT 1 FROM json_each(@scope_regions) s
      WHERE ${regionColumn} = s.value OR ${regionColumn} LIKE s.value || '.%')
    OR ${branchColumn} IN (SELECT value FROM json_each(@scope_branches)))`;
}

export function scopeParams(scope: ReadScope): Record<string, string> {
  return scope.everything
    ? {}
    : { scope_regions: JSON.stringify(scope.regions), scope_branches: JSON.stringify(scope.branches) };
}
