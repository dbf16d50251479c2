/** SQL condition on a region code column: the code itself or any region below it (`72` matches `72.01`). */
export function regionMatch(column: string): string {
  return `(? = '' OR ${column} = ? OR ${column} LIKE ? || '.%')`;
}

/** The code `@code` itself or any region below it, for a query that names a region (no catch-all for none). */
export function regionIn(column: string): string {
  return `(${column} = @code OR ${column} LIKE @code || '.%')`;
}

/** The same condition with named parameters `@code`. */
export function namedRegionMatch(column: string): string {
  return regionMatch(column).replace(/\?/g, '@code');
}

export function regionParams(prefix: string | undefined): [string, string, string] {
  const code = prefix ?? '';
  return [code, code, code];
}

/** The province of a region code: its first segment. */
export function provinceOf(regionCode: string): string {
  return regionCode.slice(0, 2);
}
