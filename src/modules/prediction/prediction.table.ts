// Fault prediction: the models (each version with its features, horizon, threshold, its measured
// quality and how it was trained; one active), and each client's latest prediction (the
// prediction job's record: probability, confidence, estimated time to failure, recommended
// action, the features behind it). A warning is also an event, prediction.connection_failure.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const predictionModels = pgTable(
  'prediction_models',
  {
    id: serial('id').primaryKey(),
    version: integer('version').notNull(),
    algorithm: text('algorithm').notNull(),
    horizonMin: integer('horizon_min').notNull(),
    threshold: real('threshold').notNull(),
    features: jsonb('features').notNull(),
    /** The trained model (gradient-boosted trees as JSON). */
    model: jsonb('model').notNull(),
    /** Measured on a test set it never saw: accuracy, precision, recall, lead times … */
    quality: jsonb('quality').notNull(),
    /** How it was trained: seeds, routers, hours, trees. */
    training: jsonb('training').notNull(),
    active: boolean('active').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prediction_models_version_key').on(t.version),
    uniqueIndex('prediction_models_one_active').on(t.active).where(sql`${t.active}`),
    check('prediction_models_horizon', sql`${t.horizonMin} BETWEEN 1 AND 1440 AND ${t.threshold} > 0 AND ${t.threshold} < 1`),
  ],
);

export const clientPredictions = pgTable(
  'client_predictions',
  {
    tenantId: integer('tenant_id').notNull(),
    clientId: text('client_id').notNull(),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    modelVersion: integer('model_version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    probability: real('probability').notNull(),
    confidence: real('confidence').notNull(),
    failurePredicted: boolean('failure_predicted').notNull(),
    ttfMin: real('ttf_min'),
    predictedFailureAt: timestamp('predicted_failure_at', { withTimezone: true }),
    recommendedAction: text('recommended_action').notNull(),
    features: jsonb('features').notNull(),
    /** When this client's current warning began (null: none now); its event is written once per warning. */
    warnedSince: timestamp('warned_since', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clientId] }),
    index('client_predictions_risk_idx').on(t.tenantId, t.probability).where(sql`${t.failurePredicted}`),
    index('client_predictions_card_idx').on(t.bankId, t.slotId),
  ],
);
