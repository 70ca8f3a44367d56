// The SIM card metadata API.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import {
  BankId,
  Deleted,
  errorResponses,
  Iccid,
  Imsi,
  JsonObject,
  MccMnc,
  PageQuery,
  SlotId,
  TenantId,
} from '../../app/schemas.js';
import { invalid } from '../../domain/errors.js';
import { CardPage, CardView } from './sim-cards.schemas.js';
import { CARD_TYPES, type SimCardsService } from './sim-cards.usecases.js';

const Text = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const CardType = Type.Union(CARD_TYPES.map((c) => Type.Literal(c)));
const Priority = Type.Integer({ minimum: 0, maximum: 1_000_000 });
/** A card's data as IonMesh names it (PUT), and the same fields in the seeds' body (POST). */
const CardFields = {
  imsi: Type.Optional(Nullable(Imsi)),
  carrier: Type.Optional(Nullable(Text)),
  mcc_mnc: Type.Optional(Nullable(MccMnc)),
  card_type: Type.Optional(CardType),
  ki_pool_name: Type.Optional(Nullable(Text)),
  ki_pool_priority: Type.Optional(Nullable(Priority)),
  card_metadata: Type.Optional(Nullable(JsonObject)),
};
const CardBody = Type.Object({ iccid: Iccid, ...CardFields }, { additionalProperties: false });
/** The seeds' POST /sim-cards: the slot in the body, the card under its seed names or IonMesh's. */
const SeedCardBody = Type.Object(
  {
    tenant_id: Type.Optional({ ...TenantId, description: 'The tenant of the bank (checked: another tenant is refused)' }),
    bank_id: BankId,
    slot_id: Type.Optional(SlotId),
    slot_number: Type.Optional(Type.Integer({ ...SlotId, description: 'The seeds’ name of slot_id' })),
    physical_iccid: Type.Optional(Iccid),
    iccid: Type.Optional(Iccid),
    physical_imsi: Type.Optional(Nullable(Imsi)),
    ...CardFields,
    pool_priority: Type.Optional(Nullable(Priority)),
    metadata: Type.Optional(Nullable(JsonObject)),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ bank_id: BankId, slot_id: SlotId });

export function simCardRoutes(cards: SimCardsService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['SIM cards'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/sim-cards',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listSimCards',
          ...admin('List SIM cards (slots that hold one)'),
          querystring: Type.Object({
            ...PageQuery,
            carrier: Type.Optional(Text),
            ki_pool_name: Type.Optional(Text),
            card_type: Type.Optional(CardType),
            bank_id: Type.Optional(BankId),
            tenant_id: Type.Optional(TenantId),
          }),
          response: ok(CardPage),
        },
      },
      async (req) => cards.list(req.query, scopeOf(req)),
    );
    app.get(
      '/sim-cards/:bank_id/:slot_id',
      {
        config: { access: 'read', tenant: 'slot' },
        schema: { operationId: 'getSimCard', ...admin('The card in a slot'), params: Params, response: ok(CardView) },
      },
      async (req) => cards.get(req.params.bank_id, req.params.slot_id),
    );
    app.put(
      '/sim-cards/:bank_id/:slot_id',
      {
        config: { access: 'manage', tenant: 'slot' },
        schema: {
          operationId: 'putSimCard',
          ...admin('Put a card in a slot or replace its data'),
          params: Params,
          body: CardBody,
          response: ok(CardView),
        },
      },
      async (req) => cards.upsert(req.params.bank_id, req.params.slot_id, req.body, actorOf(req, 'admin')),
    );
    app.post(
      '/sim-cards',
      {
        config: { access: 'manage', tenant: 'body', references: { bank_id: 'bank', slot_id: 'part' } },
        schema: {
          operationId: 'upsertSimCard',
          ...admin('Put a card in a slot or replace its data (the seeds’ shape: slot and card in the body; an upsert like PUT)'),
          body: SeedCardBody,
          response: ok(CardView),
        },
      },
      async (req) => {
        const b = req.body;
        const pick = <T>(name: string, a: T | undefined, c: T | undefined) => {
          if (a !== undefined && c !== undefined && JSON.stringify(a) !== JSON.stringify(c))
            throw invalid(`${name} is given twice with different values`, { field: name });
          return a ?? c;
        };
        const slot = pick('slot_id', b.slot_id, b.slot_number);
        const iccid = pick('iccid', b.iccid, b.physical_iccid);
        if (slot === undefined) throw invalid('slot_id (or slot_number) is required', { field: 'slot_id' });
        if (iccid === undefined) throw invalid('iccid (or physical_iccid) is required', { field: 'iccid' });
        return cards.upsert(
          b.bank_id,
          slot,
          {
            iccid,
            imsi: pick('imsi', b.imsi, b.physical_imsi),
            carrier: b.carrier,
            mcc_mnc: b.mcc_mnc,
            card_type: b.card_type,
            ki_pool_name: b.ki_pool_name,
            ki_pool_priority: pick('ki_pool_priority', b.ki_pool_priority, b.pool_priority),
            card_metadata: pick('card_metadata', b.card_metadata, b.metadata),
          },
          actorOf(req, 'admin'),
          b.tenant_id,
        );
      },
    );
    app.delete(
      '/sim-cards/:bank_id/:slot_id',
      {
        config: { access: 'manage', tenant: 'slot' },
        schema: {
          operationId: 'deleteSimCard',
          ...admin('Take the card out of the inventory (the slot stays)'),
          params: Params,
          response: ok(Deleted),
        },
      },
      async (req) => cards.remove(req.params.bank_id, req.params.slot_id, actorOf(req, 'admin')),
    );
  };
}
