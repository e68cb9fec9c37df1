import { sql } from 'drizzle-orm';

/** A CHECK constraint's body: `col` holds one of `values` (the enum's own list, written once). */
export const inList = (col: string, values: readonly string[]) =>
	sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);
