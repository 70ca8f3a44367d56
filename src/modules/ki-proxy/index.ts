// The KI proxy module's public surface: its published pool view (a client's card carrier is its
// pool's when it holds a virtual SIM) and giving a virtual slot back (clients); its service, the
// owner of pools and routes (the composition root).
export { poolOwner } from './ki-proxy.owners.js';
export { releaseVirtualSlot, takeVirtualSlot } from './ki-proxy.repository.js';
export { kiProxyRoutes } from './ki-proxy.routes.js';
export { KiProxyService } from './ki-proxy.usecases.js';
export { kiproxyPools } from './ki-proxy.views.js';
