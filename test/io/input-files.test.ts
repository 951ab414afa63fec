/**
 * Files as an attacker or an unlucky user hands them over: symlinks that dangle or loop, the same
 * file reached twice, special files, unreadable folders, invalid UTF-8. Each is bad input (exit 2,
 * one line naming the path), or read exactly once.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listManifestFiles, loadManifests, parseManifests } from '../../lib/io/manifests';
import { decodeUtf8 } from '../../lib/io/utf8';
import { validateNetworkPolicy } from '../../lib/validate/network-policy';
import { isRoot, NOBODY, permissionTest, runProcess } from '../cli/subprocess';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nf-input-'));
}

const POD = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: x}\n`;

function names(dir: string, inputs: string[]): string[] {
  return loadManifests(inputs.map((i) => path.join(dir, i))).map((m) => (m.object.metadata as { name: string }).name);
}

describe('each real file is read once', () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'd'));
  fs.writeFileSync(path.join(dir, 'd', 'a.yaml'), POD('a'));
  fs.writeFileSync(path.join(dir, 'd', 'b.yaml'), POD('b'));
  fs.symlinkSync('d', path.join(dir, 'link'));
  fs.symlinkSync('.', path.join(dir, 'd', 'self'));
  fs.symlinkSync('..', path.join(dir, 'd', 'parent'));

  test('the same file twice', () => {
    expect(names(dir, ['d/a.yaml', 'd/a.yaml'])).toEqual(['a']);
  });
  test('a folder and a file inside it', () => {
    expect(names(dir, ['d', 'd/a.yaml'])).toEqual(['a', 'b']);
  });
  test('a folder reached twice through a symlink, and symlinks to itself and its parent', () => {
    expect(names(dir, ['d', 'link'])).toEqual(['a', 'b']);
    expect(names(dir, ['.'])).toEqual(['a', 'b']);
  });
  test('standard input given twice is read once', () => {
    let reads = 0;
    const loaded = loadManifests(['-', '-'], { stdin: () => (reads++, POD('s')) });
    expect(loaded).toHaveLength(1);
    expect(reads).toBe(1);
  });
});

describe('broken paths are bad input naming the path', () => {
  const dir = tmp();
  fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'dangling.yaml'));
  fs.symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
  fs.symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));

  test('a dangling symlink, given or in a folder', () => {
    expect(() => loadManifests([path.join(dir, 'dangling.yaml')])).toThrow(`${path.join(dir, 'dangling.yaml')}: dangling symlink: it points to ${path.join(dir, 'nowhere.yaml')}, which does not exist`);
    expect(() => loadManifests([dir])).toThrow(/dangling\.yaml: dangling symlink/);
  });

  test('a symlink loop', () => {
    expect(() => loadManifests([path.join(dir, 'loop-a.yaml')])).toThrow(/loop-a\.yaml: cannot read: symlink loop/);
  });

  test('a dangling symlink without a manifest extension in a folder is ignored', () => {
    const d = tmp();
    fs.symlinkSync(path.join(d, 'gone'), path.join(d, 'README'));
    fs.writeFileSync(path.join(d, 'a.yaml'), POD('a'));
    expect(listManifestFiles([d])).toEqual([path.join(d, 'a.yaml')]);
  });
});

describe('invalid UTF-8 is an error with its position', () => {
  test('line and column of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('kind: Pod\nmetadata: {name: "ab'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    expect(() => decodeUtf8(bytes, 'bad.yaml')).toThrow('bad.yaml:2:21: invalid UTF-8 (bytes 0xc328227d at byte offset 30); save the file as UTF-8');
    expect(() => decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]), 's.yaml')).toThrow(/s\.yaml:1:1: invalid UTF-8/);
    expect(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x41, 0]), 'u16.yaml')).toThrow(/UTF-16/);
    expect(decodeUtf8(Buffer.from('\ufeffkind: é'), 'bom.yaml')).toBe('kind: é');
  });

  test('through the loader', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'x.json'), Buffer.concat([Buffer.from('{"kind": "P'), Buffer.from([0x80]), Buffer.from('"}')]));
    expect(() => loadManifests([path.join(d, 'x.json')])).toThrow(/x\.json:1:12: invalid UTF-8/);
  });
});

describe('the library checks its arguments at the boundary', () => {
  test('parseManifests and loadManifests name the parameter and what it accepts', () => {
    expect(() => parseManifests(null as unknown as string, 'f')).toThrow('parseManifests: text must be a string of YAML or JSON, got null');
    expect(() => parseManifests('kind: X', 3 as unknown as string)).toThrow('parseManifests: file must be a string naming the source (for locations), got a number');
    expect(() => loadManifests('dist' as unknown as string[])).toThrow(/loadManifests: inputs must be a list of file or folder paths .* got a string/);
    expect(() => loadManifests([''])).toThrow(/got an empty path/);
  });

  test('validateNetworkPolicy never throws, whatever it is given', () => {
    for (const v of [() => 1, Symbol('s'), 10n, undefined, null, 'x', [1], new Map()]) {
      expect(() => validateNetworkPolicy(v)).not.toThrow();
    }
    expect(validateNetworkPolicy(() => 1)[0].message).toBe('not a mapping (got a function); a NetworkPolicy is a mapping with apiVersion, kind, metadata and spec');
  });
});

describe('the process: special files and permissions (exit 2, one line, no stack)', () => {
  function oneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }

  test('a FIFO named x.yaml is refused without hanging', () => {
    const d = tmp();
    execFileSync('mkfifo', [path.join(d, 'x.yaml')]);
    oneLine(runProcess(['validate', '-f', path.join(d, 'x.yaml')], { timeout: 20000 }), /x\.yaml: a FIFO \(named pipe\), not a file/);
    oneLine(runProcess(['validate', '-f', d], { timeout: 20000 }), /x\.yaml: a FIFO/);
  });

  test('-f /dev/zero is refused', () => {
    oneLine(runProcess(['lint', '-f', '/dev/zero'], { timeout: 20000 }), /\/dev\/zero: a character device, not a file/);
  });

  test('standard input that never ends is cut at the limit', () => {
    const fd = fs.openSync('/dev/zero', 'r');
    try {
      oneLine(runProcess(['validate', '-f', '-'], { input: fd, env: { NETFENCE_MAX_INPUT_BYTES: '1000000' }, timeout: 20000 }), /<stdin>: too large to read/);
    } finally {
      fs.closeSync(fd);
    }
  });

  permissionTest('an unreadable folder', () => {
    const d = tmp();
    fs.chmodSync(d, 0o755);
    const locked = path.join(d, 'locked');
    fs.mkdirSync(locked, { mode: 0o700 });
    fs.writeFileSync(path.join(locked, 'a.yaml'), POD('a'));
    const asUser = isRoot() ? { uid: NOBODY } : {};
    if (!isRoot()) fs.chmodSync(locked, 0o000);
    try {
      oneLine(runProcess(['validate', '-f', locked], { ...asUser, cwd: os.tmpdir() }), /locked: cannot read folder: permission denied \(EACCES\)/);
    } finally {
      fs.chmodSync(locked, 0o700);
    }
  });

  test('invalid UTF-8 and a dangling symlink', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'bad.yaml'), Buffer.from([0x6b, 0x3a, 0x20, 0xff, 0x0a]));
    oneLine(runProcess(['validate', '-f', path.join(d, 'bad.yaml')]), /bad\.yaml:1:4: invalid UTF-8/);
    fs.symlinkSync(path.join(d, 'gone.yaml'), path.join(d, 'link.yaml'));
    oneLine(runProcess(['check', '-f', path.join(d, 'link.yaml'), '--from', 'a/b', '--to', 'a/c', '--port', '80']), /link\.yaml: dangling symlink/);
  });
});

describe('every entry point names a wrong argument', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // The public ones, and the CI layer's and the file lister, which the CLI calls.
  const lib = { ...require('../../lib/io/manifests'), ...require('../../lib/ci'), ...require('../../lib') } as Record<string, (...args: unknown[]) => unknown>;
  test.each<[string, unknown[], RegExp]>([
    ['parseManifests', [undefined, 'f'], /^parseManifests: text must be a string of YAML or JSON, got nothing \(undefined\)$/],
    ['loadManifests', [null], /^loadManifests: inputs must be a list of file or folder paths .*, got null$/],
    ['listManifestFiles', [[3]], /^listManifestFiles: inputs must be .*, got an entry that is a number$/],
    ['validateManifests', [[{}]], /^validateManifests: loaded must be a list of loaded manifests/],
    ['lintManifests', ['x'], /^lintManifests: manifests must be a list of loaded manifests .*, got a string$/],
    ['inventoryFromManifests', [null], /^inventoryFromManifests: manifests must be a list of loaded manifests/],
    ['checkDrift', [{}, 'dist'], /^checkDrift: expected must be a Map/],
    ['unifiedDiff', ['a', 'b'], /^unifiedDiff: options must be an object with fromFile and toFile names, got nothing/],
    ['synthesize', [{}], /^synthesize: app must be a cdk8s App, got an object$/],
  ])('%s', (fn, args, message) => {
    expect(() => lib[fn](...args)).toThrow(message);
  });
});
