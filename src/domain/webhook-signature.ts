// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret, sent as
// X-IonMesh-Signature: sha256=<hex> with X-IonMesh-Timestamp: <unix seconds>. Receivers check
// the signature in constant time and refuse old timestamps (replays).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: number, body: string) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
  nowSec: number,
  toleranceSec = 300,
) {
  if (!Number.isFinite(timestamp) || Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
