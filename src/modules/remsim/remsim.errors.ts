// Errors of the remsim-server inventory and reconciler.
import { conflict, notFound } from '../../domain/errors.js';

export const remsimServerNotFound = (id: number) => notFound('REMSIM_SERVER_NOT_FOUND', `remsim-server ${id} does not exist`);
export const reconcileBusy = (id: number, holder: string | null) =>
  conflict('RECONCILE_BUSY', `remsim-server ${id} is being reconciled by another IonMesh process; try again shortly`, {
    holder,
  });
