// Pagination defaults shared by every list.
export interface PageRequest {
  limit?: number;
  offset?: number;
}
export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
export const DEFAULT_LIMIT = 50;
export const pageOf = (req: PageRequest) => ({ limit: req.limit ?? DEFAULT_LIMIT, offset: req.offset ?? 0 });
