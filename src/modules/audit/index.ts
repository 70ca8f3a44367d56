// What other modules may use of the audit module: recording to the audit trail.

export { recordAudit } from './audit.repository.js';
export { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';
