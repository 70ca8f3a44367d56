// The groups module's public surface: its service, the owner of groups and routes (the
// composition root).
export { groupOwner } from './groups.owners.js';
export { groupRoutes } from './groups.routes.js';
export { GroupsService } from './groups.usecases.js';
