// The Node.js versions IonMesh says it runs on are the ones its dependencies accept: every
// package it installs in production declares an engines range that the oldest supported Node
// satisfies (cookie@2 and content-disposition@3 asked for Node 22; overrides keep their Node 20
// releases, see package.json).
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('npm-shrinkwrap.json', 'utf8')) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
};

describe('the Node.js versions IonMesh supports', () => {
  it('are accepted by every production dependency, from the oldest one up', () => {
    const oldest = semver.minVersion(pkg.engines.node)?.version as string;
    expect(semver.major(oldest)).toBe(20);
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.dev && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('include the one running this suite', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});
