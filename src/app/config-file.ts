// A configuration file (YAML or TOML) read into flat settings, each with the line it is on, so
// that every error an operator gets names the file and the line. The settings are the long flags
// of `ionmesh serve` without their dashes (`port: 5000`, `database-url-file: /run/secrets/db`);
// what each may hold is checked by the command that owns the flags (src/cli/config-options.ts).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './config.js';

export interface ConfigSetting {
  key: string;
  value: unknown;
  line: number;
}

export interface ConfigFile {
  path: string;
  format: 'yaml' | 'toml';
  settings: ConfigSetting[];
}

const FORMATS: Record<string, ConfigFile['format']> = { '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml' };

/** The file's settings in file order; a file that cannot be read or parsed is a ConfigError. */
export function readConfigFile(path: string): ConfigFile {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new ConfigError(`${path}: a configuration file ends in .yaml, .yml or .toml`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const settings = format === 'yaml' ? yamlSettings(path, text) : tomlSettings(path, text);
  return { path, format, settings };
}

function yamlSettings(path: string, text: string): ConfigSetting[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const at = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${path}:${at.line}:${at.col}: ${first.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw new ConfigError(`${path}:1: the file must be a mapping of settings (port: 5000 …)`);
  return doc.contents.items.map((pair) => {
    const line = lineCounter.linePos(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0).line;
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!key) throw new ConfigError(`${path}:${line}: a setting's name must be a plain word`);
    const value = pair.value === null ? null : (pair.value as { toJSON(): unknown }).toJSON();
    return { key, value, line };
  });
}

function tomlSettings(path: string, text: string): ConfigSetting[] {
  let table: Record<string, unknown>;
  try {
    table = parseToml(text);
  } catch (e) {
    if (e instanceof TomlError) throw new ConfigError(`${path}:${e.line}:${e.column}: ${e.message.split('\n')[0]}`);
    throw e;
  }
  const lines = text.split(/\r?\n/);
  // smol-toml gives values without positions; the settings are flat, so a key's line is the first
  // line that assigns it (bare or quoted), and a table header is where a section starts.
  const lineOf = (key: string) => {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const assigns = new RegExp(`^\\s*(?:${escaped}|"${escaped}"|'${escaped}')\\s*=`);
    const header = new RegExp(`^\\s*\\[\\[?\\s*(?:${escaped}|"${escaped}"|'${escaped}')\\s*\\]`);
    const i = lines.findIndex((l) => assigns.test(l) || header.test(l));
    return i + 1;
  };
  return Object.entries(table).map(([key, value]) => ({
    key,
    value: value instanceof Date ? value.toISOString() : value,
    line: lineOf(key),
  }));
}

/** "file:line: message" for a setting, the way compilers print it (line 0: unknown). */
export const at = (file: ConfigFile, setting: ConfigSetting | undefined, message: string) =>
  setting && setting.line > 0 ? `${file.path}:${setting.line}: ${message}` : `${file.path}: ${message}`;
