// What other modules may use of the KI proxy module: its pools table, for the inventory's client
// listing (a card's carrier is its pool's when the client holds a virtual SIM).
export { kiProxyPools } from './ki-proxy.table.js';
