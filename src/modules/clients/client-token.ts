// Per-profile client tokens: the answer to a keyless registration carries one; a newer client may
// send it back (X-Client-Token, or client_token in a heartbeat body) and, when it does, it must
// match. A token is HMAC-SHA256(installation secret, profile id): nothing per profile is stored,
// a repeated registration returns the same token, and an unregistered profile's token dies with
// it. The secret is made once per database and shared by every IonMesh process.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../app/database.js';

const SECRET_NAME = 'client-token';

export class ClientTokens {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly db: Database) {}

  private key() {
    this.secret ??= this.db
      .run(async (h) => {
        await h.execute(
          sql`INSERT INTO installation_secrets (name, value) VALUES (${SECRET_NAME}, ${randomBytes(32).toString('base64')})
              ON CONFLICT (name) DO NOTHING`,
        );
        const [row] = await rowsOf(
          h,
          Type.Object({ value: Type.String() }),
          sql`SELECT value FROM installation_secrets WHERE name = ${SECRET_NAME}`,
        );
        if (!row) throw new Error('the installation secret was not written');
        return Buffer.from(row.value, 'base64');
      })
      .catch((error) => {
        this.secret = null;
        throw error;
      });
    return this.secret;
  }

  async sign(profileId: string) {
    const mac = createHmac('sha256', await this.key())
      .update(profileId)
      .digest('base64url');
    return `ict_${mac.slice(0, 32)}`;
  }

  /** Whether the token is that of one of these profiles (constant-time per comparison). */
  async matches(token: string, profileIds: string[]) {
    const given = Buffer.from(token);
    for (const id of profileIds) {
      const expected = Buffer.from(await this.sign(id));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
    }
    return false;
  }
}
