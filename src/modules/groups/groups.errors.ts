// Errors of SIM groups and tags.
import { conflict, notFound } from '../../domain/errors.js';

export const groupNotFound = (id: number) => notFound('GROUP_NOT_FOUND', `Group ${id} does not exist`);
export const groupExists = (name: string) => conflict('GROUP_EXISTS', `The tenant already has a group named ${name}`);
