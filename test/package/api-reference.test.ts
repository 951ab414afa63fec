/**
 * The API reference (`npm run docs:api`, TypeDoc, into build/api) is generated from the doc
 * comments of the public entry points, with TypeDoc's validation as errors: a broken `{@link}`,
 * a public signature naming a type that is not exported, or an exported symbol without a doc
 * comment fails here. Run without emitting HTML (validation only), and once on a tiny project
 * with those faults, so the check is known to fail when it should.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');
const TYPEDOC = path.join(REPO, 'node_modules', 'typedoc', 'bin', 'typedoc');

jest.setTimeout(180_000);

/** Runs TypeDoc with an options file, validating only. */
function typedoc(options: string): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, [TYPEDOC, '--options', options, '--emit', 'none'], {
    cwd: path.dirname(options),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('the API reference', () => {
  test('TypeDoc validates the public entry points with no warning', () => {
    const r = typedoc(path.join(REPO, 'typedoc.json'));
    expect(r.output).not.toMatch(/\[(warning|error)\]/);
    expect(r.code).toBe(0);
  });

  test('a broken link, an unexported type and a missing doc comment fail it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-typedoc-'));
    try {
      const write = (name: string, text: string): void => fs.writeFileSync(path.join(dir, name), text);
      write('hidden.ts', '/** Not exported by the entry point. */\nexport interface Hidden { readonly x: number }\n');
      write(
        'index.ts',
        ["import { Hidden } from './hidden';", '/** Uses {@link NoSuchThing}. */', 'export function shown(h: Hidden): number { return h.x; }', 'export const undocumented = 1;', ''].join('\n'),
      );
      // TypeDoc checks references to unexported types within a package.
      write('package.json', JSON.stringify({ name: 'faulty', version: '1.0.0' }));
      write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'ES2022', types: [] }, files: ['index.ts', 'hidden.ts'] }));
      // The repository's settings, pointed at the faulty project.
      const options = JSON.parse(fs.readFileSync(path.join(REPO, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
      const faulty = { ...options, entryPoints: ['index.ts'], tsconfig: 'tsconfig.json', intentionallyNotExported: [] };
      fs.writeFileSync(path.join(dir, 'typedoc.json'), JSON.stringify(faulty));
      const r = typedoc(path.join(dir, 'typedoc.json'));
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/Failed to resolve link to "NoSuchThing"/);
      expect(r.output).toMatch(/Hidden, defined in faulty\/hidden\.ts, is referenced by shown\.h but not included in the documentation/);
      expect(r.output).toMatch(/undocumented \(Variable\).* does not have any documentation/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
