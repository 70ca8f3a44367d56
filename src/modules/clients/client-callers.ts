// Who may speak for a client on the client API, and the refusals: enrollment for a registration
// (tenant rules, client keys), a token or a source the tenant allows for the other calls. Every
// refusal is counted, logged and audited, never with a secret (docs/security.md).
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { enrollmentRefusal, sourceRefusal, type TenantEnrollment } from '../../domain/enrollment.js';
import { type AuditAction, recordAudit } from '../audit/index.js';
import type { ClientTokens } from './client-token.js';
import { clientNotFound, clientRefused } from './clients.errors.js';
import * as repo from './clients.repository.js';

/** Who speaks to the client API: its address, and what it proved (a client key, a token). */
export interface ClientCaller {
  ip: string | null;
  /** A valid client (or admin) key was presented; its tenant when it is confined to one. */
  key?: { tenantId: number | null } | null;
  /** The per-profile token the caller sent, if any. */
  token?: string | null;
  /** When the request arrived (ms since the epoch): deadlines count from there. */
  receivedAt?: number;
}

/** The client calls besides registration that a caller must be allowed to make. */
export type ClientCall = 'heartbeat' | 'unregister' | 'ack' | 'new_slot';

export interface CallerRules {
  /** The tenant's enrollment rules (null: no such tenant); absent: every caller is accepted. */
  enrollment?: (tenantId: number) => Promise<TenantEnrollment | null>;
  /** Per-profile client tokens (absent: none are issued or checked). */
  tokens?: ClientTokens;
  /** Told of each refusal (metrics). */
  observer?: { refused?(what: string, reason: string): void };
  /** Where refused client calls are logged. */
  log?: { warn: (obj: object, msg: string) => void };
}

export class ClientCallers {
  constructor(
    private readonly db: Database,
    private readonly settings: CallerRules,
  ) {}

  /** Refuses a registration the tenant's enrollment does not allow (counted, logged, no secret). */
  async checkEnrollment(clientId: string, tenantId: number, caller: ClientCaller, actor: Actor) {
    if (!this.settings.enrollment) return;
    const rules = await this.settings.enrollment(tenantId);
    if (!rules) return; // no such tenant: registration answers its 404
    const keyTenant = caller.key?.tenantId ?? null;
    if (caller.key && keyTenant !== null && keyTenant !== tenantId) {
      this.settings.observer?.refused?.('enrollment', 'key_for_another_tenant');
      throw clientRefused(
        'ENROLLMENT_REFUSED',
        `This client key does not enroll clients of tenant ${tenantId}`,
        'key_for_another_tenant',
      );
    }
    const reason = enrollmentRefusal(rules, { ip: caller.ip, keyed: !!caller.key });
    if (!reason) return;
    this.settings.observer?.refused?.('enrollment', reason);
    this.settings.log?.warn(
      { client: clientId, tenant: tenantId, ip: caller.ip, reason, request: actor.requestId },
      'enrollment refused',
    );
    throw clientRefused(
      'ENROLLMENT_REFUSED',
      reason === 'key_required'
        ? `Tenant ${tenantId} enrolls clients with a client API key only`
        : `Tenant ${tenantId} does not enroll clients from this address`,
      reason,
    );
  }

  /**
   * A client call other than register and heartbeat (unregister, command acknowledgement): a
   * client key, the client's token, or a source its tenant allows (and, when bound, the address
   * it last proved itself from). Answers the tenant the call is confined to.
   */
  async authorize(clientId: string, tenantIdAsked: number | null, caller: ClientCaller, actor: Actor, what: ClientCall) {
    const keyTenant = caller.key?.tenantId ?? null;
    if (keyTenant !== null && tenantIdAsked !== null && tenantIdAsked !== keyTenant) throw clientNotFound(clientId);
    const tenantId = tenantIdAsked ?? keyTenant;
    const trusted = !!caller.key || (await this.tokenChecked(clientId, tenantId, caller, actor, what));
    if (!trusted) await this.checkSource(clientId, tenantId, caller, actor, what);
    return tenantId;
  }

  /** With a token sent: true when it is the client's, else a refusal (audited). Without: false. */
  async tokenChecked(clientId: string, tenantId: number | null, caller: ClientCaller, actor: Actor, what: ClientCall) {
    if (!caller.token || !this.settings.tokens) return false;
    const profiles = await this.db.run((db) => repo.activeProfilesOf(db, clientId, tenantId));
    if (profiles.length === 0) throw clientNotFound(clientId);
    if (
      await this.settings.tokens.matches(
        caller.token,
        profiles.map((p) => p.profile_id),
      )
    )
      return true;
    await this.refuse(actor, profiles[0]?.tenant_id ?? null, clientId, `client.${what}_refused`, 'token');
    throw clientRefused('CLIENT_TOKEN_INVALID', `The client token does not belong to ${clientId}`, 'token');
  }

  /** The source rules of the client's tenant, for a keyless caller without a token. */
  private async checkSource(
    clientId: string,
    tenantId: number | null,
    caller: ClientCaller,
    actor: Actor,
    what: ClientCall = 'unregister',
  ) {
    if (!this.settings.enrollment) return;
    const profiles = await this.db.run((db) => repo.activeProfilesOf(db, clientId, tenantId));
    for (const p of profiles) {
      const rules = await this.settings.enrollment(p.tenant_id);
      if (!rules) continue;
      const refusal = sourceRefusal(rules, { ip: caller.ip, keyed: false }, p.client_ip_address);
      if (refusal) {
        await this.refuse(actor, p.tenant_id, clientId, `client.${what}_refused`, refusal);
        throw clientRefused('SOURCE_NOT_ALLOWED', `Calls for ${clientId} (${what}) are not accepted from this address`, refusal);
      }
    }
  }

  /** A refused client call: counted, logged and audited (never a token or key). */
  async refuse(actor: Actor, tenantId: number | null, clientId: string, action: AuditAction, reason: string) {
    this.settings.observer?.refused?.(action, reason);
    this.settings.log?.warn({ client: clientId, tenant: tenantId, ip: actor.sourceIp, reason, request: actor.requestId }, action);
    await this.db.run((db) =>
      recordAudit(db, actor, { tenantId, action, entityType: 'client', entityId: clientId, after: { reason } }),
    );
  }
}
