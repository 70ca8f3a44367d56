/** The newest modification time under a path (0: absent). */
export function newest(path: string): number;
/** Whether a source under `base` changed since its last build (dist/.build-stamp). */
export function stale(base?: string): boolean;
