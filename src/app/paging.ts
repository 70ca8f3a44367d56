// Query helpers every repository shares: a page of rows with the total, and the conjunction of
// the filters a request gave.
import { and, type SQL } from 'drizzle-orm';
import type { Paged } from '../domain/pagination.js';

/** A page of items and the total that matched, read together. */
export async function paged<T>(
  items: Promise<T[]>,
  total: Promise<Array<{ n: number }>>,
  page: { limit: number; offset: number },
): Promise<Paged<T>> {
  const [list, [t]] = await Promise.all([items, total]);
  return { items: list, total: Number(t?.n ?? 0), ...page };
}

/** The filters that were given, all of them (undefined: no condition). */
export const allOf = (conds: Array<SQL | undefined>) => {
  const list = conds.filter((c): c is SQL => c !== undefined);
  return list.length ? and(...list) : undefined;
};
