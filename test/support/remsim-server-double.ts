// The osmo-remsim-server test double lives in src/sim (the living demo and `ionmesh simulate`
// run it too); tests import it from here or from there.
export * from '../../src/sim/remsim-server.js';
