// What the admin API shows of an assignment policy. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, Page } from '../../app/schemas.js';

const Int = Type.Integer();

export const PolicyView = Answer(
  {
    id: Int,
    tenant_id: Int,
    name: Type.String(),
    priority: Int,
    enabled: Type.Boolean(),
    conditions: Answer({}, { description: 'What a registration must match (all given must)' }),
    action: Answer({}, { description: 'What to do: assign (with preferred banks), deny …' }),
    created_at: Instant,
    updated_at: Instant,
  },
  { description: 'An assignment policy: when its conditions match a registration, its action decides' },
);

export const PolicyPage = Page(PolicyView);
