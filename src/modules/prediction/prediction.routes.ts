// Fault prediction API: each client's latest prediction (the at-risk ones first), and the models
// (list with their measured quality, upload a trained one, make one active).
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, ClientId, errorResponses, Instant, Nullable, Page, PageQuery, TenantId } from '../../app/schemas.js';
import type { PredictionService } from './prediction.usecases.js';
import { UploadSchema } from './prediction.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });

const PredictionView = Answer({
  tenant_id: Type.Integer(),
  client_id: Type.String(),
  bank_id: Nullable(Type.Integer(), 'The card it was on when judged'),
  slot_id: Nullable(Type.Integer()),
  model_version: Type.Integer(),
  at: Instant,
  probability: Type.Number({ description: 'That it loses its connection within the model’s horizon' }),
  confidence: Type.Number({ description: 'The probability of the answer given (failure or not)' }),
  failure_predicted: Type.Boolean(),
  ttf_min: Nullable(Type.Number({ description: 'Estimated minutes to the failure (when one is predicted)' })),
  predicted_failure_at: Nullable(Instant),
  recommended_action: Type.String({ description: 'move_to_other_card, queue_restart, check_site_signal, watch' }),
  features: Type.Record(Type.String(), Type.Number(), { description: 'The numbers behind it' }),
  warned_since: Nullable(Instant),
});
const ModelView = Answer({
  id: Type.Integer(),
  version: Type.Integer(),
  algorithm: Type.String(),
  horizon_min: Type.Integer(),
  threshold: Type.Number(),
  features: Type.Array(Type.String()),
  quality: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Measured on a test set it never saw: accuracy, precision, recall (per moment and per router), lead times',
  }),
  training: Type.Record(Type.String(), Type.Unknown()),
  active: Type.Boolean(),
  created_by: Type.String(),
  created_at: Instant,
});

export function predictionRoutes(predictions: PredictionService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['prediction'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 403, 404) });
    app.get(
      '/predictions',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listPredictions',
          ...admin('Each client’s latest fault prediction, the likeliest to fail first'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(TenantId),
            client_id: Type.Optional(ClientId),
            at_risk: Type.Optional(Type.Boolean({ description: 'Only clients a failure is predicted for' })),
          }),
          response: ok(Page(PredictionView)),
        },
      },
      async (req) => predictions.list(req.query, scopeOf(req)),
    );
    app.get(
      '/prediction-models',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listPredictionModels',
          ...admin('Fault prediction models by version, with their measured quality (the active one marked)'),
          querystring: Type.Object(PageQuery),
          response: ok(Page(ModelView)),
        },
      },
      async (req) => predictions.models(req.query),
    );
    app.get(
      '/prediction-models/:version',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'getPredictionModel',
          ...admin('A fault prediction model (by version)'),
          params: Type.Object({ version: PositiveId }),
          response: ok(ModelView),
        },
      },
      async (req) => predictions.getModel(req.params.version),
    );
    app.post(
      '/prediction-models',
      {
        config: { access: 'admin', tenant: 'global' },
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          operationId: 'uploadPredictionModel',
          ...admin(
            'Upload a trained model (`ionmesh predict train --upload`) as the next version; active unless activate is false',
          ),
          body: UploadSchema,
          response: ok(ModelView),
        },
      },
      async (req) => predictions.upload(req.body, actorOf(req, 'admin')),
    );
    app.post(
      '/prediction-models/:version/activate',
      {
        config: { access: 'admin', tenant: 'global' },
        schema: {
          operationId: 'activatePredictionModel',
          ...admin('Make a model the active one (the prediction job uses it from its next pass)'),
          params: Type.Object({ version: PositiveId }),
          response: ok(ModelView),
        },
      },
      async (req) => predictions.activate(req.params.version, actorOf(req, 'admin')),
    );
  };
}
