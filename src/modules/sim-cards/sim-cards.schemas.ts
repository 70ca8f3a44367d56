// What the admin API shows of a SIM card (the card of a slot). Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, Nullable, Page } from '../../app/schemas.js';
import { cardColumnFields } from '../inventory/index.js';

const Int = Type.Integer();
const Str = Type.String();

export const CardView = Answer(
  {
    ...cardColumnFields,
    ki_pool_name: Nullable(Str),
    ki_pool_priority: Nullable(Int),
    card_metadata: Type.Unknown({ description: 'Free-form data of the operator (null: none)' }),
    status: Str,
    health_status: Str,
    updated_at: Instant,
    tenant_id: Int,
    physical_iccid: Nullable(Str, 'The seeds’ name of iccid'),
    physical_imsi: Nullable(Str, 'The seeds’ name of imsi'),
  },
  { description: 'A SIM card in a slot of a bank' },
);

export const CardPage = Page(CardView);
