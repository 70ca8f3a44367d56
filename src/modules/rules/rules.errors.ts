// Errors of automation rules.
import { conflict, notFound } from '../../domain/errors.js';

export const ruleNotFound = (id: number) => notFound('RULE_NOT_FOUND', `Rule ${id} does not exist`);
export const ruleExists = (name: string) => conflict('RULE_EXISTS', `The tenant already has a rule named ${name}`);
