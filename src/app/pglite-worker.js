// @ts-check
// The thread that owns PGlite (decision 0013). It runs one PGlite instance, in memory or on the
// data directory it is given, and answers the main thread's messages one at a time in the
// order they came: the main thread's serial queue sends the next unit only after the previous
// one settled, so the single-connection rule holds here too. Plain JavaScript, so the same
// file runs under the built package, tsx and the test runner without a TypeScript loader.
//
// Messages in:  { id, op: 'query', sql, params, rowMode, rawTimes }  → { id, result }
//               { id, op: 'exec', sql }                              → { id, result }
//               { id, op: 'listen' | 'unlisten', channel }           → { id }
//               { id, op: 'dump' }                                    → { id, result: ArrayBuffer }
//               { id, op: 'close' }                                   → { id }, then the thread ends
// Messages out: { op: 'ready' } once PGlite answers, { op: 'notify', channel, payload },
//               { id, error: { message, name, ...fields } } when a request fails.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pglite-worker.js runs as a worker thread');
const port = parentPort;

// What Drizzle asks of PGlite on every query: timestamps, dates and intervals (and their
// arrays) as PostgreSQL writes them, not as Date objects. The main thread sends rawTimes: true
// for such queries (its client checks that the parsers it was given are exactly these).
const identity = (/** @type {string} */ value) => value;

/** An error as data: structured clone keeps only an Error's message and name, not the SQLSTATE
 * and the other fields the main thread reads (code, constraint, detail …). */
function errorData(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error' };
  /** @type {Record<string, unknown>} */
  const data = { message: error.message, name: error.name, stack: error.stack };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) data[key] = value;
  }
  return data;
}

/** @type {{ dataDir: string | null, image: Uint8Array<ArrayBuffer> | null, startParams: string[], rawTimeTypes: number[], pgliteWasmModule: WebAssembly.Module, initdbWasmModule: WebAssembly.Module, fsBundle: Blob }} */
const { dataDir, image, startParams, rawTimeTypes, pgliteWasmModule, initdbWasmModule, fsBundle } = workerData;
const rawTimeParsers = Object.fromEntries(rawTimeTypes.map((oid) => [oid, identity]));
// The main thread compiled the WebAssembly once for all its workers and chose PostgreSQL's
// memory settings (pglite-thread.ts).
// (One options object: PGlite(dataDir, options) does not apply startParams.)
// A data directory image (a dump) starts it without initdb.
const db = new PGlite({
  dataDir: dataDir ?? undefined,
  startParams,
  pgliteWasmModule,
  initdbWasmModule,
  fsBundle,
  loadDataDir: image ? new Blob([image]) : undefined,
});
/** @type {Map<string, () => Promise<void>>} */
const listening = new Map();

/** @param {any} message */
async function handle(message) {
  switch (message.op) {
    case 'query': {
      const result = await db.query(message.sql, message.params, {
        rowMode: message.rowMode,
        parsers: message.rawTimes ? rawTimeParsers : undefined,
      });
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec':
      return (await db.exec(message.sql)).map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    case 'listen': {
      if (listening.has(message.channel)) return undefined;
      const channel = message.channel;
      const unlisten = await db.listen(channel, (payload) => port.postMessage({ op: 'notify', channel, payload }));
      listening.set(channel, unlisten);
      return undefined;
    }
    case 'unlisten': {
      const unlisten = listening.get(message.channel);
      listening.delete(message.channel);
      await unlisten?.();
      return undefined;
    }
    case 'dump': {
      const blob = await db.dumpDataDir('gzip');
      return await blob.arrayBuffer();
    }
    case 'close':
      await db.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

// One message at a time, in order: a message that arrives while one runs waits its turn.
/** @type {Promise<void>} */
let turn = db.waitReady.then(
  () => port.postMessage({ op: 'ready' }),
  (error) => {
    port.postMessage({ op: 'failed', error: errorData(error) });
    port.close();
  },
);
port.on('message', (message) => {
  turn = turn.then(async () => {
    try {
      const result = await handle(message);
      const transfer = result instanceof ArrayBuffer ? [result] : [];
      port.postMessage({ id: message.id, result }, transfer);
    } catch (error) {
      port.postMessage({ id: message.id, error: errorData(error) });
    }
    if (message.op === 'close') port.close();
  });
});
