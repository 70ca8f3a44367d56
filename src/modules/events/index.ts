// What other modules may use of the events module: writing an event, and the catalogue of types.
export {
  EVENT_TYPE_FILTERS,
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  type EventType,
  type EventTypeInfo,
  typeMatches,
} from './event-types.js';
export { insertEvent } from './events.repository.js';
