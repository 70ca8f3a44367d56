// What a router may store about itself without a key: its stats, its modem and hardware info,
// and the result of a command. Each is a schema of the fields IonMesh understands (stats are
// numbers, device facts are short strings) plus a bounded bag for the rest: at most 64 keys,
// nested at most 3 levels, short strings, and 4 KiB in all. Past the bag's shape the request is a
// 400 VALIDATION_ERROR; past its size, 413 DOCUMENT_TOO_LARGE. Nothing larger is ever stored, so
// thirty chatty routers can no longer make the client list tens of megabytes.
import { type TSchema, Type } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.js';

export const DOCUMENT_MAX_BYTES = 4096;
export const DOCUMENT_MAX_KEYS = 64;
const TEXT_MAX = 256;

const Scalar = Type.Union([Type.String({ maxLength: TEXT_MAX }), Type.Number(), Type.Boolean(), Type.Null()]);
const containerOf = (item: TSchema) =>
  Type.Union([
    Type.Array(item, { maxItems: DOCUMENT_MAX_KEYS }),
    Type.Record(Type.String(), item, { maxProperties: DOCUMENT_MAX_KEYS, propertyNames: { maxLength: 64 } }),
  ]);
/** A value of the bag: a scalar, or lists and objects of them, two levels below the document. */
const BagValue = Type.Union([Scalar, containerOf(Type.Union([Scalar, containerOf(Scalar)]))]);

const number = (description: string) => Type.Optional(Type.Union([Type.Number(), Type.Null()], { description }));
const text = (description: string) => Type.Optional(Type.String({ maxLength: 64, description }));

const bag = (description: string) => ({
  additionalProperties: BagValue,
  maxProperties: DOCUMENT_MAX_KEYS,
  propertyNames: { maxLength: 64 },
  description: `${description} Other keys: at most ${DOCUMENT_MAX_KEYS}, nested 3 levels, strings of ${TEXT_MAX} characters, ${DOCUMENT_MAX_BYTES} bytes in all.`,
});

/** A heartbeat's stats: the signal and counters IonMesh reads are numbers (or null). */
export const ClientStats = Type.Object(
  {
    rssi: number('RSSI, dBm'),
    rsrp: number('RSRP, dBm'),
    rsrq: number('RSRQ, dB'),
    sinr: number('SINR, dB'),
    signal_rssi: number('RSSI, dBm (the seeds’ name)'),
    signal_rsrp: number('RSRP, dBm (the seeds’ name)'),
    tpdu_count: number('TPDUs exchanged since the client started'),
    tpdu_errors: number('TPDU errors since the client started'),
    tpdus_sent: number('TPDUs sent (the seeds’ name)'),
    tpdus_received: number('TPDUs received (the seeds’ name)'),
    errors: number('Errors since the client started'),
    data_tx_bytes: number('Bytes sent over the cellular link'),
    data_rx_bytes: number('Bytes received over the cellular link'),
    uptime_seconds: number('Seconds since the client started'),
  },
  bag('Stats of the client’s last heartbeat.'),
);

/** Facts about the router and its modem (registration hardware_info, heartbeat modem_info). */
export const DeviceInfo = Type.Object(
  {
    vendor: text('Modem vendor'),
    manufacturer: text('Modem manufacturer'),
    model: text('Modem model'),
    firmware: text('Modem firmware'),
    imei: text('Modem IMEI'),
    network: text('Network the modem is on'),
    board: text('Router board'),
  },
  bag('Router and modem facts.'),
);

/** What a client answers to a command: any JSON value within the same bounds. */
export const CommandResult = Type.Union([Scalar, containerOf(Type.Union([Scalar, containerOf(Scalar)]))], {
  description: `A command's result: at most ${DOCUMENT_MAX_KEYS} keys or items, nested 3 levels, ${DOCUMENT_MAX_BYTES} bytes`,
});

/**
 * Refuses documents over DOCUMENT_MAX_BYTES (413 DOCUMENT_TOO_LARGE, naming the field). Run after
 * schema validation, on the fields of a body that are stored.
 */
export function assertDocumentSizes(fields: Record<string, unknown>) {
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes > DOCUMENT_MAX_BYTES)
      throw new DomainError('DOCUMENT_TOO_LARGE', `${name} is ${bytes} bytes; at most ${DOCUMENT_MAX_BYTES} are stored`, 413, {
        field: name,
        limit_bytes: DOCUMENT_MAX_BYTES,
      });
  }
}
