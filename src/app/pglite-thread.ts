// PGlite in a worker thread of its own (decision 0013): its WebAssembly and its protocol work run
// beside the HTTP work instead of on the same core. The worker (pglite-worker.js) owns the
// instance and the data directory; this side offers the part of PGlite's interface IonMesh and
// Drizzle use (query, exec, transaction, listen, dump, close), each call one message.
// Transactions are BEGIN … COMMIT sent as statements: the caller's serial queue keeps every
// other unit out until the transaction settled, as it does for PGlite on this thread.

import { readFile } from 'node:fs/promises';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

export interface PgliteResults<T = Record<string, unknown>> {
  rows: T[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

/** What a transaction callback gets: statements inside BEGIN … COMMIT. */
export interface PgliteThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<PgliteResults<T>>;
  exec(sql: string): Promise<PgliteResults[]>;
}

/** A request the database thread could not answer because the thread is gone. The message is
 * one isDatabaseUnavailable recognises: requests answer 503, batches are not split. */
export class DatabaseThreadStopped extends Error {
  constructor(reason: string) {
    super(`the database thread stopped: ${reason}`);
    this.name = 'DatabaseThreadStopped';
  }
}

/** An error PGlite raised in the worker, with its fields (SQLSTATE code, constraint, detail …). */
export class PgliteThreadError extends Error {
  [field: string]: unknown;
}

// The types whose parsers Drizzle replaces by the identity (values as PostgreSQL writes them);
// the worker is handed this list and applies the same. Any other parser cannot cross the thread
// boundary.
const RAW_TIME_TYPES = new Set<number>([
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
]);

function rawTimes(options?: QueryOptions): boolean {
  const parsers = options?.parsers;
  if (!parsers) return false;
  for (const oid of Object.keys(parsers)) {
    if (!RAW_TIME_TYPES.has(Number(oid)) || parsers[Number(oid)]?.('x', Number(oid)) !== 'x') {
      throw new Error(`the database thread applies no parser for type ${oid} but the identity`);
    }
  }
  return true;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type ErrorData = { message: string; name: string } & Record<string, unknown>;

function errorFrom(data: ErrorData): PgliteThreadError {
  const { message, name, stack, ...fields } = data;
  const error = new PgliteThreadError(message);
  Object.assign(error, fields);
  error.name = name;
  if (typeof stack === 'string') error.workerStack = stack;
  return error;
}

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

/**
 * PostgreSQL's memory settings for PGlite (its start parameters after PGlite's own). PGlite's
 * WebAssembly memory grows to what PostgreSQL touches and never shrinks. Shared buffers stay at
 * PostgreSQL's 128 MB unless IONMESH_PGLITE_SHARED_BUFFERS says otherwise: with 100,000 clients
 * (bench:fleet) 32 MB took the process from about 470 MB to 380 MB but the heartbeat p99 from
 * 39 ms to 61 ms, as pages then come from the page cache through a read call (decision 0013).
 * VACUUM's memory (IONMESH_PGLITE_MAINTENANCE_WORK_MEM) is 16 MB instead of 64 MB: IonMesh
 * vacuums a few tables in short steps. Values in PostgreSQL units (64MB).
 */
export function pgliteStartParams(env: NodeJS.ProcessEnv = process.env): string[] {
  const sharedBuffers = env.IONMESH_PGLITE_SHARED_BUFFERS || '128MB';
  const maintenance = env.IONMESH_PGLITE_MAINTENANCE_WORK_MEM || '16MB';
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`, '-c', `maintenance_work_mem=${maintenance}`];
}

/** PGlite's compiled WebAssembly (the server and initdb) and its file-system bundle, read and
 * compiled once per process and handed to every worker: a worker that compiled its own would
 * start twice as slowly and run cold code where the shared module has tiered up. */
interface PgliteArtifacts {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

let artifacts: Promise<PgliteArtifacts> | null = null;

function pgliteArtifacts(): Promise<PgliteArtifacts> {
  artifacts ??= (async () => {
    const file = (name: string) => readFile(new URL(name, import.meta.resolve('@electric-sql/pglite')));
    const [pglite, initdb, data] = await Promise.all([file('./pglite.wasm'), file('./initdb.wasm'), file('./pglite.data')]);
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(pglite), WebAssembly.compile(initdb)]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([data]) };
  })();
  artifacts.catch(() => {
    artifacts = null;
  });
  return artifacts;
}

export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private readonly lostListeners: Array<(error: Error) => void> = [];
  private nextId = 1;
  private stopped: Error | null = null;
  private closing = false;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /** Starts the worker and waits until PGlite in it answers (in memory when dataDir is null),
   * from a data directory image when one is given. */
  static async open(dataDir: string | null, resourceLimits?: ResourceLimits, image?: Uint8Array): Promise<PgliteThread> {
    const worker = new Worker(WORKER_URL, {
      workerData: {
        dataDir,
        image: image ?? null,
        startParams: pgliteStartParams(),
        rawTimeTypes: [...RAW_TIME_TYPES],
        ...(await pgliteArtifacts()),
      },
      resourceLimits,
      stdout: false,
      stderr: false,
    });
    const thread = new PgliteThread(worker);
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new DatabaseThreadStopped(`exited with code ${code} while starting`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: { op: string; error?: ErrorData }) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (message.op === 'ready') resolve();
        else reject(message.error ? errorFrom(message.error) : new Error(`unexpected first message ${message.op}`));
      });
    });
    worker.on('message', (message) => thread.receive(message));
    worker.on('error', (error) => thread.lose(error));
    worker.on('exit', (code) => thread.lose(new DatabaseThreadStopped(`exited with code ${code}`)));
    return thread;
  }

  /** Calls fn once if the thread ends without close() (a crash): the database is gone. */
  onLost(fn: (error: Error) => void) {
    this.lostListeners.push(fn);
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions) {
    return this.call('query', {
      sql,
      params: params ?? [],
      rowMode: options?.rowMode ?? 'object',
      rawTimes: rawTimes(options),
    }) as Promise<PgliteResults<T>>;
  }

  exec(sql: string) {
    return this.call('exec', { sql }) as Promise<PgliteResults[]>;
  }

  /** BEGIN, fn, COMMIT; ROLLBACK when fn throws (its error is what the caller gets). */
  async transaction<T>(fn: (tx: PgliteThreadTransaction) => Promise<T>): Promise<T> {
    await this.exec('BEGIN');
    let result: T;
    try {
      result = await fn({ query: (sql, params, options) => this.query(sql, params, options), exec: (s) => this.exec(s) });
    } catch (error) {
      if (!this.stopped) await this.exec('ROLLBACK');
      throw error;
    }
    await this.exec('COMMIT');
    return result;
  }

  /** Calls onNotify for every NOTIFY on channel; resolves to the unsubscribe function. */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.call('listen', { channel });
    }
    set.add(onNotify);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(onNotify) || current.size > 0) return;
      this.listeners.delete(channel);
      if (!this.stopped) await this.call('unlisten', { channel });
    };
  }

  /** The data directory as a gzipped tar (PGlite's dumpDataDir). */
  async dump(): Promise<Uint8Array> {
    return new Uint8Array((await this.call('dump', {})) as ArrayBuffer);
  }

  /** Closes PGlite (it finishes writing the data directory) and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    try {
      await this.call('close', {});
    } finally {
      await this.worker.terminate();
    }
  }

  private call(op: string, fields: Record<string, unknown>): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...fields });
    });
  }

  private receive(message: {
    id?: number;
    op?: string;
    result?: unknown;
    error?: ErrorData;
    channel?: string;
    payload?: string;
  }) {
    if (message.op === 'notify') {
      for (const fn of this.listeners.get(message.channel as string) ?? []) fn(message.payload as string);
      return;
    }
    const waiting = this.pending.get(message.id as number);
    if (!waiting) return;
    this.pending.delete(message.id as number);
    if (message.error) waiting.reject(errorFrom(message.error));
    else waiting.resolve(message.result);
  }

  private lose(error: Error) {
    if (this.stopped) return;
    this.stopped = this.closing ? new DatabaseThreadStopped('closed') : new DatabaseThreadStopped(error.message);
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
    if (this.closing) return;
    for (const fn of this.lostListeners) fn(error);
  }
}
