// The groups module's public surface: its service, the schemas of a filter and a tag (bulk jobs
// take them too), the owner of groups and routes (the composition root).
export { groupOwner } from './groups.owners.js';
export type { GroupFilter } from './groups.repository.js';
export { Filter as GroupFilterSchema, groupRoutes, Tag as TagSchema } from './groups.routes.js';
export { GroupsService } from './groups.usecases.js';
