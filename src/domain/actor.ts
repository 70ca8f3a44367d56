// Who made a change and from where: carried from the HTTP layer into use cases for the audit log.
export interface Actor {
  /** "client:<client_id>", "key:<id>", "cli", "system" */
  actor: string;
  sourceIp?: string | null;
  requestId?: string | null;
}

export const SYSTEM: Actor = { actor: 'system' };
