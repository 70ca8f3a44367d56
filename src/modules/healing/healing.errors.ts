// Errors of self-healing.
import { conflict, DomainError, notFound } from '../../domain/errors.js';

export const incidentNotFound = (id: number) => notFound('INCIDENT_NOT_FOUND', `Incident ${id} does not exist`);
export const incidentResolved = (id: number) => conflict('INCIDENT_RESOLVED', `Incident ${id} is resolved already`);
export const healingDisabled = (playbook: string) =>
  new DomainError('HEALING_DISABLED', `The tenant has switched the ${playbook} playbook off`, 403);
export const healingInProgress = (clientId: string, incidentId: number | null) =>
  conflict('HEALING_IN_PROGRESS', `A request of ${clientId} is being healed already`, { incident_id: incidentId });
export const healingCooldown = (detail: string, retryAfterSec: number, incidentId: number) =>
  new DomainError('HEALING_COOLDOWN', detail, 429, { retry_after_sec: retryAfterSec, incident_id: incidentId });
export const healingLimited = (detail: string, incidentId: number) =>
  new DomainError('HEALING_LIMITED', detail, 429, { incident_id: incidentId });
export const noFreeCard = (detail: string, incidentId: number) =>
  new DomainError('NO_SLOT_AVAILABLE', `No free card to move to: ${detail}`, 503, { incident_id: incidentId });
