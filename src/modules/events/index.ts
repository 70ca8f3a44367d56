// The events module's public surface: writing an event and the catalogue of types (other
// modules), the live hub, retention and routes (the composition root).
export { EventHub } from './event-hub.js';
export {
  EVENT_TYPE_FILTERS,
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  type EventType,
  type EventTypeInfo,
  eventProblems,
  typeMatches,
} from './event-types.js';
export { insertEvent, type OutboxCursor, OutboxEvent, outboxAfter, pruneEvents } from './events.repository.js';
export { eventRoutes } from './events.routes.js';
