// Secrets read from files, as Docker and Kubernetes mount them (/run/secrets/…): the value is the
// file's content without its trailing newline. A secret given both ways is refused, as is an
// unreadable or empty file, naming the flag.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';

const settingOf = (flag: string) => flag.replace(/^--/, '');

export function secretFromFile(path: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${flag}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, settingOf(flag));
  }
  const value = text.replace(/[\r\n]+$/, '');
  if (value.trim() === '') throw new ConfigError(`${flag}: ${path} is empty`, settingOf(flag));
  if (/[\r\n]/.test(value)) throw new ConfigError(`${flag}: ${path} holds more than one line`, settingOf(flag));
  return value;
}

/** The secret given directly or in a file (neither: undefined). */
export function oneSecret(given: { value?: string | null; file?: string | null; flag: string; valueName: string }) {
  const value = given.value ? given.value : undefined;
  if (value !== undefined && given.file)
    throw new ConfigError(`give ${given.valueName} or ${given.flag}, not both`, settingOf(given.flag));
  return given.file ? secretFromFile(given.file, given.flag) : value;
}
