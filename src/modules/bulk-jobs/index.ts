// The bulk jobs module's public surface: its service and the ports its actions act through, the
// catalogue of actions, the owner of jobs and routes (the composition root, the CLI).
export { ACTION_NAMES, ACTIONS, checkParams as checkJobParams, type JobPorts } from './bulk-jobs.actions.js';
export { jobOwner } from './bulk-jobs.owners.js';
export { bulkJobRoutes, JobParamsSchema, JobSelectorSchema } from './bulk-jobs.routes.js';
export { BulkJobsService, MAX_ITEMS } from './bulk-jobs.usecases.js';
