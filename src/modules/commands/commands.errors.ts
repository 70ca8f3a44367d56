// Errors of the command queue.
import { DomainError, notFound } from '../../domain/errors.js';

/** The deployed OpenWRT client never heartbeats: the answer names what reaches it instead. */
export const cannotReceiveCommands = (clientId: string) =>
  new DomainError(
    'CLIENT_CANNOT_RECEIVE_COMMANDS',
    `${clientId} has never sent a heartbeat (the deployed OpenWRT client never does), so it cannot receive commands`,
    409,
    {
      alternatives: [
        `POST /api/backend/v1/clients/${clientId}/reassign: move the card behind its RSPRO identity (the remsim-server mapping follows)`,
        `DELETE /api/backend/v1/remsim/unregister/${clientId}: release its assignment; its mapping is removed, cutting its SIM`,
      ],
    },
  );
export const commandNotFound = (clientId: string, id: number) =>
  notFound('COMMAND_NOT_FOUND', `Client ${clientId} has no open command ${id}`);
