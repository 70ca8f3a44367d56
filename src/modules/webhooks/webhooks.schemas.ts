// A webhook and a delivery: the fields of their rows, checked as the database gives them
// (webhooks.repository.ts) and shown as the API answers them (WebhookView, DeliveryView).
import { type TSchema, Type } from '@sinclair/typebox';
import { Answer, Instant, Nullable } from '../../app/schemas.js';

const Int = Type.Integer();

/** A webhook's fields, with `time` the schema of its timestamps: never its secret, only a hint. */
export const webhookFields = <T extends TSchema>(time: T) => ({
  id: Int,
  tenant_id: Int,
  url: Type.String(),
  event_types: Type.Array(Type.String(), { description: 'Catalogue types or prefixes ending in "." (none: every event)' }),
  enabled: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  consecutive_failures: Int,
  created_at: time,
  updated_at: time,
  secret_hint: Type.String({ description: 'The last characters of the signing secret' }),
});

export const deliveryFields = <T extends TSchema>(time: T) => ({
  id: Int,
  event_id: Int,
  event_type: Type.String(),
  status: Type.String(),
  attempts: Int,
  next_attempt_at: Nullable(time),
  last_status_code: Nullable(Int),
  last_error: Nullable(Type.String()),
  last_latency_ms: Nullable(Int),
  created_at: time,
  delivered_at: Nullable(time),
});

export const WebhookView = Answer(webhookFields(Instant), { description: 'A webhook' });
export const DeliveryView = Answer(deliveryFields(Instant), { description: 'A delivery of an event to a webhook' });
