// Errors of the reconciler (a missing remsim-server is the inventory's: remsimServerNotFound).
import { conflict } from '../../domain/errors.js';

export const reconcileBusy = (id: number, holder: string | null) =>
  conflict('RECONCILE_BUSY', `remsim-server ${id} is being reconciled by another IonMesh process; try again shortly`, {
    holder,
  });
export const serverDisabled = (id: number) => conflict('REMSIM_SERVER_DISABLED', `remsim-server ${id} is disabled`);
export const reconcilerNotRunning = () => conflict('REMSIM_SERVER_DISABLED', 'The reconciler is not running in this process');
