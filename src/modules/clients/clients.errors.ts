// Errors of the client lifecycle.
import { DomainError, notFound } from '../../domain/errors.js';
import { type MappingModeName, SERVED_MODES } from '../../domain/mapping-modes.js';

export const clientCertRequired = () =>
  new DomainError('CLIENT_CERT_REQUIRED', 'A client certificate of the configured CA is required', 401);
export const clientCertMismatch = (cn: string, clientId: string) =>
  new DomainError('CLIENT_CERT_MISMATCH', `This certificate speaks for ${cn}, not for ${clientId}`, 403);
export const clientKeyInvalid = () => new DomainError('UNAUTHORIZED', 'The API key is not valid', 401);
export const notAClientKey = (role: string) =>
  new DomainError('FORBIDDEN', `A ${role} key may not speak for clients (use a client key)`, 403, { role, needs: 'client' });

export const clientNotFound = (clientId: string) =>
  new DomainError('CLIENT_NOT_FOUND', `No active profile for client ${clientId}`, 404);

export const noSlot = (modes: readonly MappingModeName[], mccMnc: string | null) =>
  new DomainError(
    'NO_SLOT_AVAILABLE',
    mccMnc
      ? `No available slot for carrier ${mccMnc} in the requested mapping mode`
      : 'No available slot for the requested mapping mode',
    503,
    { available_modes: modes },
  );

export const modeNotSupported = (mode: string, modes: readonly MappingModeName[]) =>
  new DomainError('MODE_NOT_SUPPORTED', `Mapping mode ${mode} is not available on this IonMesh`, 501, {
    available_modes: modes,
  });

export const reassignImpossible = (why: string) => new DomainError('REASSIGN_NOT_POSSIBLE', why, 409);

export const mccMncRequired = () =>
  new DomainError(
    'VALIDATION_ERROR',
    'mcc_mnc is required for KI_PROXY_SWSIM (the carrier whose KI proxy pool serves the client)',
    400,
    {
      field: 'mcc_mnc',
    },
  );

export const noPool = (mccMnc: string, carrier: string | null) =>
  new DomainError(
    'NO_POOL_FOR_CARRIER',
    `No enabled KI proxy pool of this tenant serves ${mccMnc}${carrier ? ` (${carrier})` : ''}`,
    404,
  );

export const poolFull = (mccMnc: string, modes: readonly MappingModeName[]) =>
  new DomainError('POOL_FULL', `Every KI proxy pool for ${mccMnc} is at capacity`, 503, { available_modes: modes });

export const policyDenied = (policy: string) =>
  new DomainError('POLICY_DENIED', `Assignment policy "${policy}" refuses this registration`, 403, { policy });

export const clientRefused = (
  code: 'ENROLLMENT_REFUSED' | 'SOURCE_NOT_ALLOWED' | 'CLIENT_TOKEN_INVALID',
  message: string,
  reason: string,
) => new DomainError(code, message, 403, { reason });
export const bankWithoutBankd = () =>
  new DomainError('NO_SLOT_AVAILABLE', 'The assigned bank has no bankd instance', 503, { available_modes: SERVED_MODES });
export const activeInSeveralTenants = (clientId: string) =>
  new DomainError('VALIDATION_ERROR', `${clientId} is active in several tenants; give tenant_id`, 400, { field: 'tenant_id' });
export const tenantHasNoSlot = (tenantId: number, bankId: number | undefined, slotId: number | undefined) =>
  notFound('SLOT_NOT_FOUND', `Tenant ${tenantId} has no bank ${bankId} slot ${slotId}`);
export const imeiLocked = (clientId: string) =>
  new DomainError(
    'IMEI_LOCKED',
    `${clientId}'s card is bound to another modem IMEI: its heartbeats are refused and the card is out of service`,
    403,
  );
