// The card columns of a slot as raw statements read them: the inventory's SIM import and the
// SIM card API (sim-cards module) both read these.
import { Type } from '@sinclair/typebox';

const Text = Type.Union([Type.String(), Type.Null()]);

export const cardColumnFields = {
  bank_id: Type.Integer(),
  slot_id: Type.Integer(),
  iccid: Text,
  imsi: Text,
  carrier: Text,
  mcc_mnc: Text,
  card_type: Type.String(),
};
