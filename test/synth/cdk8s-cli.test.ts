import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/main';
import { synthesizeToMemory } from '../../lib';

const ROOT = path.join(__dirname, '..', '..');

describe('npx cdk8s synth with the root cdk8s.yaml', () => {
  test('writes the same files, byte for byte, as netfence synthesis of the examples', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cdk8s-cli-'));
    const cli = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
    // CDK8S_CHECK_UPGRADE=false: otherwise the CLI asks the registry for a newer version on every call.
    const r = spawnSync(process.execPath, [cli, 'synth', '--output', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const expected = synthesizeToMemory(buildApp());
    expect(fs.readdirSync(out).sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(text);
  });
});
