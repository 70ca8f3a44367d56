// What other modules may use of the KI proxy module: its published pool view (a client's card
// carrier is its pool's when it holds a virtual SIM), and giving a virtual slot back.

export { releaseVirtualSlot } from './ki-proxy.repository.js';
export { kiproxyPools } from './ki-proxy.views.js';
