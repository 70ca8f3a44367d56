// Errors of SIM rotation.
import { conflict, notFound } from '../../domain/errors.js';

export const rotationPolicyNotFound = (id: number) =>
  notFound('ROTATION_POLICY_NOT_FOUND', `Rotation policy ${id} does not exist`);
export const rotationPolicyExists = (name: string) =>
  conflict('ROTATION_POLICY_EXISTS', `The tenant already has a rotation policy named ${name}`);
export const rotationBusy = (id: number) =>
  conflict('ROTATION_POLICY_BUSY', `A pass of rotation policy ${id} is under way; try again when it ends`);
