// The rotation module's public surface: its service, the owner of policies and routes (the
// composition root).
export { rotationPolicyOwner } from './rotation.owners.js';
export { rotationRoutes } from './rotation.routes.js';
export { inWindow, type RotationWindow, timezoneProblem } from './rotation.schedule.js';
export { RotationService } from './rotation.usecases.js';
