// The audit module's public surface: recording to the audit trail and the catalogue of actions
// (other modules), its routes (the composition root).
export { auditedSince, recordAudit } from './audit.repository.js';
export { auditRoutes } from './audit.routes.js';
export { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';
