/**
 * okr as a user gets it: `npm pack` of the checkout (its built dist/, without running scripts),
 * installed into an empty temporary project with no network. The dependencies come from npm's
 * cache, which `npm ci` filled, at the versions package-lock.json pins (a lock written for the
 * project, so that npm resolves nothing); when the cache does not hold them, from tarballs packed
 * from the checkout's node_modules.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './run-cli.js';

export interface InstalledPackage {
  /** The temporary project: `node_modules/okr` and `node_modules/.bin/okr` are in it. */
  project: string;
  /** The files in the tarball, as npm pack lists them (paths inside the package). */
  files: string[];
  /** How the dependencies were installed. */
  dependenciesFrom: 'npm cache' | 'node_modules';
  cleanup(): void;
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Packs the checkout and installs the tarball offline into a new temporary project. */
export function installPackedPackage(): InstalledPackage {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-package-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const [packed] = npmJson<PackResult[]>(['pack', '--ignore-scripts', '--json', '--pack-destination', dir, REPO_ROOT], dir);
    const tarball = path.join(dir, packed!.filename);
    const project = path.join(dir, 'project');
    mkdirSync(project);
    const dependencies = productionDependencies();
    let dependenciesFrom: InstalledPackage['dependenciesFrom'] = 'npm cache';
    writeProject(project, tarball, dependencies);
    let install = npm(['ci', '--offline', '--no-audit', '--no-fund'], project);
    if (install.status !== 0 && /ENOTCACHED/.test(install.stderr)) {
      dependenciesFrom = 'node_modules';
      writeProject(project, tarball, packDependencies(dependencies, path.join(dir, 'dependencies')));
      install = npm(['ci', '--offline', '--no-audit', '--no-fund'], project);
    }
    if (install.status !== 0) throw new Error(`npm ci of the packed okr failed:\n${install.stderr}`);
    return { project, files: packed!.files.map((file) => file.path).sort(), dependenciesFrom, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** The entries of package-lock.json that an install of okr needs (not dev), by their node_modules path. */
function productionDependencies(): Map<string, LockEntry> {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries = new Map<string, LockEntry>();
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.dev === true || entry.link === true) continue;
    const name = packageName(location);
    entries.set(location, { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` });
  }
  return entries;
}

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
function packageName(location: string): string {
  return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** package.json and package-lock.json of a project that depends on the tarball only. */
function writeProject(project: string, tarball: string, dependencies: Map<string, LockEntry>): void {
  const okr = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:${path.relative(project, tarball)}`;
  const packages: Record<string, unknown> = {
    '': { name: 'okr-user', dependencies: { okr: spec } },
    'node_modules/okr': { version: okr.version, resolved: spec, license: okr.license, dependencies: okr.dependencies, bin: okr.bin, engines: okr.engines },
  };
  for (const [location, entry] of dependencies) packages[location] = entry;
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'okr-user', private: true, type: 'module', dependencies: { okr: spec } }, null, 2));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'okr-user', lockfileVersion: 3, requires: true, packages }, null, 2));
}

/** The dependencies as tarballs packed from the checkout's node_modules (one npm run for all), resolved to those files. */
function packDependencies(dependencies: Map<string, LockEntry>, into: string): Map<string, LockEntry> {
  mkdirSync(into);
  const locations = [...dependencies.keys()];
  const packed = npmJson<PackResult[]>(['pack', '--ignore-scripts', '--json', '--pack-destination', into, ...locations.map((location) => path.join(REPO_ROOT, location))], into);
  const result = new Map<string, LockEntry>();
  locations.forEach((location, index) => {
    // A tarball packed here is not byte for byte the registry's: its integrity is not the lock's.
    const entry = { ...dependencies.get(location)!, resolved: `file:${path.join(into, packed[index]!.filename)}` };
    delete entry.integrity;
    result.set(location, entry);
  });
  return result;
}

function npm(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // Run from `npm test`, the environment holds npm's settings for the checkout (npm_config_local_prefix, …).
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (!key.startsWith('npm_') || key === 'npm_config_cache')) env[key] = value;
  }
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npmJson<T>(args: readonly string[], cwd: string): T {
  const result = npm(args, cwd);
  if (result.status !== 0) throw new Error(`npm ${args[0]} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
