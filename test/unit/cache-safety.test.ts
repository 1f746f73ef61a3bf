/**
 * The cache touches only its own data (issue: "A cache that touches only its own data"): it lives in
 * a folder it marks as its own and prunes only what carries its marker; it refuses a folder another
 * user could write; it follows no symbolic link inside the cache, to read or to write; and a
 * damaged, hand-edited or foreign pack or entry (valid JSON of the wrong structure included) never
 * crashes okr or changes its output. Hostile trees are built at run time.
 */
import fc from 'fast-check';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOkrFile } from '../../src/parse/file-facts.js';
import { CACHE_FOLDER, CACHEDIR_TAG, OWNER_MARKER, VERSION_MARKER, versionMarkerText } from '../../src/io/cache-folder.js';
import { cacheVersion, checksum, sha256 } from '../../src/io/facts-cache.js';
import { decodeFacts, encodeFacts } from '../../src/io/facts-codec.js';
import { factsOfContents } from '../../src/io/file-facts.js';
import { resolveLoadOptions } from '../../src/io/load-options.js';
import { FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { propertyRuns, SEED } from '../helpers/property-runs.js';

const ARGS = ['status', '--json', '--today', '2026-11-25'];
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
// The fuzz tests below are seeded: OKR_SEED=<n> repeats a failing run (see test/helpers/property-runs.ts).

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-cache-safety-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(scratch, { recursive: true, force: true });
});

const cacheRoot = () => path.join(scratch, 'cache');
const ownFolder = () => path.join(cacheRoot(), CACHE_FOLDER);
const versionDir = () => path.join(ownFolder(), cacheVersion());
const workspaceDir = () => path.join(scratch, 'workspace');

/** The acme workspace, copied, its files settled (see file-signature.ts) so that the pack vouches for them. */
function acme(): string {
  cpSync(path.join(FIXTURES, 'acme-json', 'workspace'), workspaceDir(), { recursive: true, dereference: true });
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
  return workspaceDir();
}

const run = (extra: string[] = [], env: Record<string, string> = { OKR_CACHE_DIR: cacheRoot() }) =>
  runInProcess([...ARGS, ...extra, workspaceDir()], { cwd: scratch, env: { ...env, OKR_PARSE_WORKERS: '0' } });
const uncached = () => run(['--no-cache'], {});

function packPath(): string {
  const dir = path.join(versionDir(), 'workspaces');
  const packs = readdirSync(dir).filter((name) => !name.includes('.'));
  expect(packs).toHaveLength(1);
  return path.join(dir, packs[0]!);
}

/** Every file below `dir` with its bytes, to prove that nothing there was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), 'base64');
  }
  return out;
}

describe('okr keeps its data in a folder of its own', () => {
  it('makes okr-cache/ with a cache directory tag and its marker, and each version folder marked', async () => {
    acme();
    await run();
    expect(readdirSync(cacheRoot())).toEqual([CACHE_FOLDER]);
    expect(readFileSync(path.join(ownFolder(), CACHEDIR_TAG), 'utf8')).toMatch(/^Signature: 8a477f597d28d0efbb8bb47a5f6ae8e2/);
    expect(JSON.parse(readFileSync(path.join(ownFolder(), OWNER_MARKER), 'utf8'))).toMatchObject({ owner: 'okr' });
    expect(readFileSync(path.join(versionDir(), VERSION_MARKER), 'utf8')).toBe(versionMarkerText(cacheVersion()));
    expect(lstatSync(ownFolder()).mode & 0o077).toBe(0);
  });

  it('leaves everything else in a shared cache root alone, and prunes only marked okr versions', async () => {
    acme();
    const longAgo = new Date(Date.now() - 400 * 24 * 60 * 60 * 1000);
    // Foreign things in the shared folder, old and named like okr's versions.
    const foreign = ['v8-compile-cache-0', 'v2-0.1.0-0123456789abcdef', 'okr', 'v12-thing'];
    for (const name of foreign) {
      mkdirSync(path.join(cacheRoot(), name, 'inside'), { recursive: true });
      writeFileSync(path.join(cacheRoot(), name, 'inside', 'data'), name);
      utimesSync(path.join(cacheRoot(), name), longAgo, longAgo);
    }
    writeFileSync(path.join(cacheRoot(), 'v3-file'), 'a file');
    await run();
    // okr's folder exists now: old versions in it, marked and not, and foreign things in it.
    const marked = path.join(ownFolder(), 'v2-0.0.9-aaaaaaaaaaaaaaaa');
    const unmarked = path.join(ownFolder(), 'v2-0.0.8-bbbbbbbbbbbbbbbb');
    const wrongMark = path.join(ownFolder(), 'v2-0.0.7-cccccccccccccccc');
    const recent = path.join(ownFolder(), 'v2-0.0.6-dddddddddddddddd');
    for (const dir of [marked, unmarked, wrongMark, recent]) mkdirSync(dir);
    writeFileSync(path.join(marked, VERSION_MARKER), versionMarkerText(path.basename(marked)));
    writeFileSync(path.join(recent, VERSION_MARKER), versionMarkerText(path.basename(recent)));
    writeFileSync(path.join(wrongMark, VERSION_MARKER), versionMarkerText('v2-other'));
    // A link named like a marked version: the link may go, what it points to stays.
    const outside = path.join(scratch, 'outside-version');
    mkdirSync(outside);
    writeFileSync(path.join(outside, VERSION_MARKER), versionMarkerText('v2-0.0.5-eeeeeeeeeeeeeeee'));
    symlinkSync(outside, path.join(ownFolder(), 'v2-0.0.5-eeeeeeeeeeeeeeee'));
    for (const dir of [marked, unmarked, wrongMark]) utimesSync(dir, longAgo, longAgo);
    // A new version of okr starts: it prunes.
    rmSync(versionDir(), { recursive: true });
    await run();
    expect(existsSync(marked)).toBe(false);
    for (const dir of [unmarked, wrongMark, recent, versionDir()]) expect(existsSync(dir), dir).toBe(true);
    expect(readFileSync(path.join(outside, VERSION_MARKER), 'utf8')).toBe(versionMarkerText('v2-0.0.5-eeeeeeeeeeeeeeee'));
    for (const name of foreign) expect(readFileSync(path.join(cacheRoot(), name, 'inside', 'data'), 'utf8')).toBe(name);
    expect(readFileSync(path.join(cacheRoot(), 'v3-file'), 'utf8')).toBe('a file');
  });

  it('is the cache root itself never: OKR_CACHE_DIR=/tmp-like folders keep their other contents', async () => {
    acme();
    const shared = path.join(scratch, 'shared');
    mkdirSync(shared, { mode: 0o1777 });
    chmodSync(shared, 0o1777); // world-writable with the sticky bit, as /tmp
    writeFileSync(path.join(shared, 'someone-elses.txt'), 'x');
    const expected = await uncached();
    expect(await run([], { OKR_CACHE_DIR: shared })).toEqual(expected);
    expect(await run([], { OKR_CACHE_DIR: shared })).toEqual(expected);
    expect(readdirSync(shared).sort()).toEqual([CACHE_FOLDER, 'someone-elses.txt']);
  });
});

describe('a cache folder another user could write is not used', () => {
  const warning = (reason: string) => new RegExp(`^okr: warning: cache ${ownFolder().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not used: ${reason}\n$`);

  async function expectRefused(reason: string): Promise<void> {
    const expected = await uncached();
    const before = snapshot(cacheRoot());
    const result = await run();
    expect(result.stdout).toBe(expected.stdout);
    expect(result.code).toBe(expected.code);
    // One line, once, though the config and the files each open the cache.
    expect(result.stderr).toMatch(warning(reason));
    expect(snapshot(cacheRoot())).toEqual(before);
  }

  it('when okr-cache/ is writable by others', async () => {
    acme();
    await run();
    chmodSync(ownFolder(), 0o777);
    await expectRefused('it is writable by other users');
    chmodSync(ownFolder(), 0o770);
    await expectRefused('it is writable by other users');
  });

  it.skipIf(!IS_ROOT)('when okr-cache/ belongs to another user (as root: chown to 65534)', async () => {
    acme();
    await run();
    chownSync(ownFolder(), NOBODY, NOBODY);
    await expectRefused('it belongs to another user');
  });

  it.skipIf(!IS_ROOT)('when the cache root belongs to another user', async () => {
    acme();
    await run();
    chownSync(cacheRoot(), NOBODY, NOBODY);
    await expectRefused(`${cacheRoot().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} belongs to another user`);
  });

  it('when the cache root is writable by others without the sticky bit', async () => {
    acme();
    await run();
    chmodSync(cacheRoot(), 0o777);
    await expectRefused(`${cacheRoot().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is writable by other users and has no sticky bit`);
    chmodSync(cacheRoot(), 0o1777);
    const result = await run();
    expect(result.stderr).toBe('');
  });

  it("when okr-cache/ is a symbolic link, or not marked as okr's", async () => {
    acme();
    await run();
    renameSync(ownFolder(), path.join(scratch, 'elsewhere'));
    symlinkSync(path.join(scratch, 'elsewhere'), ownFolder());
    await expectRefused('it is a symbolic link');
    rmSync(ownFolder());
    mkdirSync(ownFolder(), { mode: 0o700 });
    writeFileSync(path.join(ownFolder(), 'theirs'), 'someone else made this folder');
    await expectRefused(`it is not marked as okr's \\(no ${OWNER_MARKER}\\)`);
  });

  it('warns once per run, with the cache off no warning', async () => {
    acme();
    await run();
    chmodSync(ownFolder(), 0o777);
    const result = await run();
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect((await run(['--no-cache'])).stderr).toBe('');
  });
});

describe('no symbolic link inside the cache is followed', () => {
  it('a pack that is a link to a file outside is neither read nor written through', async () => {
    acme();
    const expected = await uncached();
    await run();
    // A valid pack for this workspace, doctored, moved outside and linked to.
    const doctored = path.join(scratch, 'outside-pack');
    const pack = packPath();
    writeFileSync(doctored, readFileSync(pack, 'latin1').replaceAll('Cut p95 query latency', 'DOCTORED'), 'latin1');
    resealPack(doctored);
    rmSync(pack);
    symlinkSync(doctored, pack);
    const outsideBefore = readFileSync(doctored);
    const result = await run();
    expect(result).toEqual(expected);
    expect(readFileSync(doctored)).toEqual(outsideBefore);
    // The link was replaced by a pack of okr's own.
    expect(lstatSync(pack).isFile()).toBe(true);
  });

  it('a version folder, a folder of entries or of packs that is a link is neither read nor written into', async () => {
    acme();
    const expected = await uncached();
    await run();
    for (const inside of ['', 'workspaces', 'configs']) {
      const link = path.join(versionDir(), inside);
      const outside = path.join(scratch, `outside-${inside || 'version'}`);
      cpSync(link, outside, { recursive: true });
      rmSync(link, { recursive: true });
      symlinkSync(outside, link);
      const before = snapshot(outside);
      expect(await run(), inside).toEqual(expected);
      expect(snapshot(outside), inside).toEqual(before);
      rmSync(link);
      cpSync(outside, link, { recursive: true });
    }
  });

  it('an entry, journal or config that is a link is not read, and is replaced, not written through', async () => {
    const contents = [{ path: 'tasks.md', bytes: Buffer.from('- [ ] real\n') }];
    const options = resolveLoadOptions({ env: { OKR_CACHE_DIR: cacheRoot() }, workers: 0 });
    await factsOfContents(contents, options);
    const hash = sha256(contents[0]!.bytes);
    const entry = path.join(versionDir(), hash.slice(0, 2), hash.slice(2));
    const outside = path.join(scratch, 'outside-entry');
    const forged = encodeFacts(parseOkrFile('x.md', Buffer.from('- [ ] forged\n')))!;
    const header = `okr-facts ${cacheVersion()} ${hash}`;
    writeFileSync(outside, `${header} ${checksum(forged)}\n${forged}`);
    rmSync(entry);
    symlinkSync(outside, entry);
    const before = readFileSync(outside);
    expect(await factsOfContents(contents, options)).toEqual([parseOkrFile('tasks.md', contents[0]!.bytes)]);
    expect(readFileSync(outside)).toEqual(before);
    expect(lstatSync(entry).isFile()).toBe(true);
  });
});

describe('damaged cache files', () => {
  it('the strict check passes all that okr writes: every example and fixture file decodes to its facts', () => {
    let checked = 0;
    for (const root of [path.join(FIXTURES, '..', '..', 'examples'), FIXTURES]) {
      for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
        const file = path.join(entry.parentPath, entry.name);
        const facts = parseOkrFile('x.md', readFileSync(file));
        const encoded = encodeFacts(facts);
        if (encoded === null) continue;
        expect(decodeFacts(encoded, 'x.md'), file).toEqual(facts);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('a hand edit of a config or an entry fails its checksum: read again, not used', async () => {
    acme();
    const expected = await uncached();
    await run();
    const configs = path.join(versionDir(), 'configs');
    for (const name of readdirSync(configs)) {
      const file = path.join(configs, name);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('"onTrack":0.15');
      writeFileSync(file, text.replace('"onTrack":0.15', '"onTrack":0.95'));
    }
    expect(await run()).toEqual(expected);
    // And an entry (okr diff's facts of other revisions).
    const contents = [{ path: 'tasks.md', bytes: Buffer.from('- [ ] real\n') }];
    const options = resolveLoadOptions({ env: { OKR_CACHE_DIR: cacheRoot() }, workers: 0 });
    await factsOfContents(contents, options);
    const hash = sha256(contents[0]!.bytes);
    const entry = path.join(versionDir(), hash.slice(0, 2), hash.slice(2));
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('real', 'edit'));
    expect(await factsOfContents(contents, options)).toEqual([parseOkrFile('tasks.md', contents[0]!.bytes)]);
  });

  it('a pack with a valid checksum but foreign structure: __proto__ keys, arrays for objects, huge and negative numbers', async () => {
    acme();
    const expected = await uncached();
    await run();
    const good = readFileSync(packPath(), 'utf8');
    const forgeries: Record<string, (encoding: string) => string> = {
      '__proto__ in the objective': (encoding) => encoding.replace('[0,{', '[0,{"__proto__":{"id":"x"},'),
      'an array for the objective': (encoding) => encoding.replace(/^\[0,\{.*?\},\[/, '[0,[],['),
      'a key result of the wrong kind': (encoding) => encoding.replace('"kind":"metric"', '"kind":"other"'),
      'a huge line': (encoding) => encoding.replace(/"line":\d+/, '"line":1e300'),
      'a negative column': (encoding) => encoding.replace(/"column":\d+/, '"column":-4'),
      'a period that is not dates': (encoding) => encoding.replace(/"start":"\d{4}-\d\d-\d\d"/, '"start":"soon"'),
      'a weight that is a string': (encoding) => encoding.replace(/"weight":\d+/, '"weight":"2"'),
    };
    for (const [kind, forge] of Object.entries(forgeries)) {
      const lines = good.split('\n');
      let changed = false;
      for (let i = 1; i < lines.length - 3; i++) {
        const hash = lines[i]!.slice(0, 64);
        const forged = forge(lines[i]!.slice(65));
        if (forged !== lines[i]!.slice(65)) {
          lines[i] = `${hash} ${forged}`;
          changed = true;
        }
      }
      expect(changed, kind).toBe(true);
      writeFileSync(packPath(), lines.join('\n'));
      resealPack(packPath());
      const result = await run();
      expect(result, kind).toEqual(expected);
    }
  });

  it('random damage to a real pack never crashes okr nor changes its output', async () => {
    acme();
    const expected = await uncached();
    await run();
    const good = readFileSync(packPath());
    const text = good.toString('utf8');
    const lineStarts = [...text.matchAll(/\n/g)].map((match) => match.index + 1).slice(0, -2);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Bytes: changed, cut out, cut short, duplicated (the checksum fails).
          fc.tuple(fc.constant('bytes' as const), fc.nat(good.length - 1), fc.nat(64), fc.integer({ min: 0, max: 255 })),
          // Structure: one value of an entry or of the list of files, with the checksum made good again.
          fc.tuple(fc.constant('structure' as const), fc.nat(lineStarts.length - 1), fc.nat(), fc.nat(20)),
        ),
        async ([kind, at, size, pick]) => {
          const mutated = kind === 'bytes' ? damageBytes(good, at, size, pick) : damageStructure(text, lineStarts, at, size, pick);
          if (mutated === null) return;
          writeFileSync(packPath(), mutated);
          const result = await run();
          expect(result, `OKR_SEED=${SEED}: ${kind} ${at} ${size} ${pick}`).toEqual(expected);
        },
      ),
      propertyRuns(20),
    );
  }, 120_000);

  it('random damage to a real entry never crashes okr nor changes its facts', async () => {
    const source = readFileSync(path.join(FIXTURES, 'acme-json', 'workspace', 'objectives', 'query-performance.md'));
    const contents = [{ path: 'objectives/query-performance.md', bytes: source }];
    const expected = [parseOkrFile(contents[0]!.path, source)];
    const options = resolveLoadOptions({ env: { OKR_CACHE_DIR: cacheRoot() }, workers: 0 });
    await factsOfContents(contents, options);
    const hash = sha256(source);
    const entry = path.join(versionDir(), hash.slice(0, 2), hash.slice(2));
    const good = readFileSync(entry);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(good.length - 1), fc.nat(64), fc.integer({ min: 0, max: 255 }), async (structural, at, size, pick) => {
        let mutated: Buffer | null;
        if (structural) {
          const text = good.toString('utf8');
          const body = text.slice(text.indexOf('\n') + 1);
          const damaged = damageJson(body, at, pick);
          mutated = damaged === null ? null : Buffer.from(`okr-facts ${cacheVersion()} ${hash} ${checksum(damaged)}\n${damaged}`);
        } else {
          mutated = damageBytes(good, at, size, pick);
        }
        if (mutated === null) return;
        writeFileSync(entry, mutated);
        expect(await factsOfContents(contents, options), `OKR_SEED=${SEED}`).toEqual(expected);
      }),
      propertyRuns(40),
    );
  }, 120_000);
});

/** Sets a pack's last line to the checksum of all before it, as okr writes it. */
function resealPack(file: string): void {
  const bytes = readFileSync(file);
  const trailer = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  const body = bytes.subarray(0, trailer);
  writeFileSync(file, Buffer.concat([body, Buffer.from(`okr-pack-end ${checksum(body)}\n`)]));
}

/** One of several kinds of byte damage at `at`; null when it changes nothing. */
function damageBytes(good: Buffer, at: number, size: number, pick: number): Buffer | null {
  const out = (() => {
    switch (pick % 5) {
      case 0: {
        const copy = Buffer.from(good);
        copy[at] = (copy[at]! + 1 + (pick % 255)) % 256;
        return copy;
      }
      case 1:
        return Buffer.concat([good.subarray(0, at), good.subarray(at + size + 1)]);
      case 2:
        return good.subarray(0, at);
      case 3:
        return Buffer.concat([good.subarray(0, at), good.subarray(at, at + size + 1), good.subarray(at)]);
      default:
        return Buffer.concat([good.subarray(0, at), Buffer.from([pick]), good.subarray(at)]);
    }
  })();
  return out.equals(good) ? null : out;
}

/** Damages the structure of pack line `line` (an entry's encoding or the list of files), resealed. */
function damageStructure(text: string, lineStarts: readonly number[], line: number, at: number, pick: number): string | null {
  const start = lineStarts[line]!;
  const end = text.indexOf('\n', start);
  const content = text.slice(start, end);
  const isEntry = /^[0-9a-f]{64} /.test(content);
  const damaged = damageJson(isEntry ? content.slice(65) : content, at, pick);
  if (damaged === null) return null;
  const body = `${text.slice(0, start)}${isEntry ? content.slice(0, 65) : ''}${damaged}${text.slice(end, text.lastIndexOf('\n', text.length - 2) + 1)}`;
  return `${body}okr-pack-end ${checksum(body)}\n`;
}

/**
 * Damages the structure of a cache encoding (JSON texts joined by a tab): one value, chosen by
 * `at`, is given a value of another kind, loses a key, gains a `__proto__` key, or (an index or count
 * in the flat arrays) becomes negative, fractional, huge or out of range. Every such change is
 * something okr's own encoding never holds. Null when the chosen value cannot be damaged so.
 */
function damageJson(encoding: string, at: number, pick: number): string | null {
  const parts = encoding.split('\t').map((part) => JSON.parse(part) as unknown);
  const slots: { holder: unknown[] | Record<string, unknown>; key: number | string; flat: boolean }[] = [];
  const walk = (value: unknown, flat: boolean) => {
    if (Array.isArray(value)) {
      // The flat arrays hold numbers and strings only: counts, indexes, text.
      const isFlat = value.every((item) => typeof item !== 'object' || item === null);
      value.forEach((item, index) => {
        slots.push({ holder: value, key: index, flat: isFlat });
        walk(item, isFlat);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        slots.push({ holder: value as Record<string, unknown>, key, flat });
        walk((value as Record<string, unknown>)[key], false);
      }
    }
  };
  parts.forEach((part, index) => {
    slots.push({ holder: parts, key: index, flat: false });
    walk(part, false);
  });
  const slot = slots[at % slots.length]!;
  const holder = slot.holder as Record<string | number, unknown>;
  const value = holder[slot.key];
  const otherKind = (): unknown => {
    const choices: unknown[] =
      typeof value === 'string'
        ? [7, {}, [], true]
        : typeof value === 'number'
          ? ['7', {}, [], true]
          : typeof value === 'boolean'
            ? ['true', 7]
            : value === null
              ? // Not a number: 7 is a valid value of some fields that may be null (cadenceDays).
                [[], true, {}]
              : Array.isArray(value)
                ? [{}, 'x', 7]
                : [[], 'x', 7];
    return choices[pick % choices.length];
  };
  switch (pick % 4) {
    case 0:
      holder[slot.key] = otherKind();
      break;
    case 1:
      if (Array.isArray(holder) || parts.includes(holder)) return null;
      delete holder[slot.key];
      break;
    case 2: {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      Object.defineProperty(value, '__proto__', { value: { id: 'x' }, enumerable: true, configurable: true, writable: true });
      break;
    }
    default: {
      if (!slot.flat || typeof value !== 'number' || !Number.isInteger(value)) return null;
      const numbers = [-2, value + 0.5, 2 ** 40, -1e9];
      holder[slot.key] = numbers[pick % numbers.length];
    }
  }
  return parts.map((part) => JSON.stringify(part)).join('\t');
}
