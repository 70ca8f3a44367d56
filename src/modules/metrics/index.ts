// The metrics module's public surface: the Prometheus registry and observers (the composition root).
export { Metrics } from './metrics.js';
