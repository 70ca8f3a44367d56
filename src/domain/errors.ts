// Errors as data: every failure the API reports has a stable machine-readable code.
// The error handler turns a DomainError into {"status":"error","code":...,"message":...}.

export const ERROR_CODES = {
  VALIDATION_ERROR: 'The request body, query or path failed validation',
  INVALID_JSON: 'The body is not valid JSON',
  INVALID_CHARACTER: 'A string holds the NUL character or an unpaired UTF-16 surrogate, which cannot be stored',
  UNSUPPORTED_MEDIA_TYPE: 'The Content-Type is not accepted on this route',
  URI_TOO_LONG: 'A path parameter is longer than any id can be',
  BODY_TOO_LARGE: 'The body exceeds the size limit',
  DOCUMENT_TOO_LARGE:
    'A stored document (stats, modem or hardware info, a command result) is over its size limit (with field and limit_bytes)',
  NOT_FOUND: 'No such route',
  METHOD_NOT_ALLOWED: 'The route exists but not with this method',
  UNAUTHORIZED: 'A valid API key is required (X-API-Key or Authorization: Bearer)',
  FORBIDDEN: 'The key is valid but its role does not allow this (with role and needs)',
  RATE_LIMITED: 'Too many requests from this address or key (with retry_after_sec; Retry-After)',
  CLIENT_CERT_REQUIRED: 'Mutual TLS is on: the client API needs a client certificate of the configured CA',
  CLIENT_CERT_MISMATCH: 'The client certificate names another client (its CN is the client_id it may use)',
  ENROLLMENT_REFUSED: 'The tenant does not enroll clients from this caller (with reason)',
  SOURCE_NOT_ALLOWED: 'The client may not be heartbeated or unregistered from this address (with reason)',
  CLIENT_TOKEN_INVALID: 'The client token sent does not belong to the client',
  KEY_NOT_FOUND: 'No such API key',
  LAST_ADMIN_KEY: 'The last active admin key cannot be revoked',
  TENANT_NOT_FOUND: 'The tenant does not exist',
  CLIENT_NOT_FOUND: 'No active profile for that client',
  NO_SLOT_AVAILABLE: 'No available slot matches the request',
  MODE_NOT_SUPPORTED: 'The mapping mode is not one this IonMesh serves (it serves all three)',
  BUSY: 'The database is contended; the request gave up waiting (Retry-After)',
  DATABASE_UNAVAILABLE: 'The database cannot be reached or dropped the connection; retry (Retry-After)',
  BANK_NOT_FOUND: 'The SIM bank does not exist',
  BANK_EXISTS: 'A SIM bank with that id already exists',
  BANK_IN_USE: 'The bank still serves active profiles',
  BANKD_NOT_FOUND: 'The bankd instance does not exist',
  BANKD_IN_USE: 'The bankd instance still serves banks',
  SLOT_NOT_FOUND: 'The slot does not exist',
  POLICY_DENIED: 'An assignment policy of the tenant refuses the registration',
  POLICY_NOT_FOUND: 'The assignment policy does not exist',
  POLICY_EXISTS: 'An assignment policy with that name already exists for the tenant',
  WEBHOOK_NOT_FOUND: 'The webhook does not exist',
  DELIVERY_NOT_FOUND: 'The webhook has no such delivery (or it is being sent right now)',
  CLIENT_CANNOT_RECEIVE_COMMANDS: 'The client never heartbeats (deployed OpenWRT client), so commands cannot reach it',
  COMMAND_NOT_FOUND: 'The client has no open command with that id',
  CARRIER_NOT_FOUND: 'No carrier has that MCC+MNC',
  CARD_NOT_FOUND: 'The slot holds no SIM card',
  SLOT_ASSIGNED: 'The slot is assigned to an active profile',
  TENANT_EXISTS: 'A tenant with that id or name already exists',
  TENANT_IN_USE: 'The tenant still owns banks or profiles',
  DUPLICATE_ICCID: 'Another slot already holds that ICCID',
  IMPORT_INVALID: 'The import file has invalid rows; nothing was imported',
  CONFLICT: 'The change conflicts with existing data',
  REMSIM_SERVER_NOT_FOUND: 'The remsim-server does not exist',
  REMSIM_SERVER_EXISTS: 'A remsim-server with that name or URL already exists',
  REMSIM_SERVER_IN_USE: 'The remsim-server still maps the slots of bankd instances',
  REMSIM_SERVER_DISABLED: 'The remsim-server is disabled',
  RECONCILE_BUSY: 'Another IonMesh process is reconciling that remsim-server right now',
  NO_POOL_FOR_CARRIER: 'No enabled KI proxy pool of the tenant serves that carrier',
  POOL_FULL: 'Every KI proxy pool for that carrier is at capacity',
  POOL_NOT_FOUND: 'The KI proxy pool does not exist',
  POOL_EXISTS: 'A KI proxy pool with that name already exists for the tenant',
  POOL_IN_USE: 'The KI proxy pool still serves active virtual SIMs',
  KI_CARDS_IN_USE: 'A card of the KI proxy pool’s physical range is assigned to a router one-to-one',
  POOL_OVERLAP: 'The pool’s slot ranges overlap another pool, each other, or physical slots',
  REASSIGN_NOT_POSSIBLE: 'The client cannot be moved to that slot',
  PLAN_NOT_FOUND: 'The SIM plan does not exist',
  PLAN_EXISTS: 'A plan with that name (or a carrier default for that carrier) already exists for the tenant',
  PLAN_IN_USE: 'Cards are on the plan; move them to another plan first',
  GROUP_NOT_FOUND: 'The SIM group does not exist',
  GROUP_EXISTS: 'A group with that name already exists for the tenant',
  ROTATION_POLICY_NOT_FOUND: 'The rotation policy does not exist',
  ROTATION_POLICY_EXISTS: 'A rotation policy with that name already exists for the tenant',
  ROTATION_POLICY_BUSY: 'A pass of the rotation policy is under way (another replica or a rotate-now)',
  RULE_NOT_FOUND: 'The automation rule does not exist',
  RULE_EXISTS: 'An automation rule with that name already exists for the tenant',
  JOB_NOT_FOUND: 'The bulk job does not exist',
  JOB_FINISHED: 'The bulk job is done or cancelled already',
  JOB_TARGET_CHANGED: 'The objects the selector names changed since the dry run counted them: dry-run again',
  IMEI_BINDING_NOT_FOUND: 'The IMEI binding does not exist',
  CARD_NOT_LOCKED: 'The card has no active lock to lift',
  IMEI_LOCKED: 'The card or client is bound to another modem IMEI; the heartbeat is refused and the card disabled',
  BACKUP_NOT_EMBEDDED: 'IonMesh runs on PostgreSQL, which pg_dump backs up (docs/operations.md)',
  INCIDENT_NOT_FOUND: 'The incident does not exist',
  INCIDENT_RESOLVED: 'The incident is resolved already',
  HEALING_DISABLED: 'The tenant has switched this self-healing playbook off',
  HEALING_IN_PROGRESS: 'An incident of this kind is open for the client and being healed',
  HEALING_COOLDOWN: 'Self-healing moved this client within its cooldown; it is not moved again yet',
  HEALING_LIMITED: 'Self-healing reached the tenant’s limit of moves per hour',
  MODEL_NOT_FOUND: 'The prediction model does not exist',
  MODEL_INVALID: 'The prediction model is not one this IonMesh can run (other features, or a broken tree)',
  INTERNAL_ERROR: 'Unexpected server error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: ErrorCode, message: string) => new DomainError(code, message, 404);
/** The database (or a lock in it) did not answer in time: retry shortly (503 with Retry-After). */
export const busy = (message: string, details?: Record<string, unknown>) => new DomainError('BUSY', message, 503, details);
/** Every module names tenants (the root of every object): one answer for a missing one. */
export const tenantNotFound = (id: number) => notFound('TENANT_NOT_FOUND', `Tenant ${id} does not exist`);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 409, details);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError('VALIDATION_ERROR', message, 400, details);
