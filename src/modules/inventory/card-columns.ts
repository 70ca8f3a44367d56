// The card columns of a slot as raw statements read them: the inventory's SIM import and the
// SIM card API (sim-cards module) both read these.

import { Type } from '@sinclair/typebox';
import { Nullable } from '../../app/schemas.js';

export const cardColumnFields = {
  bank_id: Type.Integer(),
  slot_id: Type.Integer(),
  iccid: Nullable(Type.String()),
  imsi: Nullable(Type.String()),
  carrier: Nullable(Type.String()),
  mcc_mnc: Nullable(Type.String()),
  card_type: Type.String(),
};
