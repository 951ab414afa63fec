/**
 * A project as `cdk8s init typescript-app` makes it, made offline: the template files that
 * cdk8s-cli ships (node_modules/cdk8s-cli/templates/typescript-app), with its placeholders filled
 * as cdk8s-cli fills them, and node_modules made of links to this repository's packages instead
 * of `npm install`. Packages from `npm pack` are installed the way npm installs a tarball: its
 * files under node_modules/<name>, its bins linked in node_modules/.bin and made executable.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { baseEnvironment } from '../ci/workflow-runner';

const REPO = path.join(__dirname, '..', '..');
const MODULES = path.join(REPO, 'node_modules');
/** The template `cdk8s init typescript-app` copies. */
export const TEMPLATE = path.join(MODULES, 'cdk8s-cli', 'templates', 'typescript-app');

function versionOf(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(MODULES, pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Writes the template into `dir` (named as the project): every file but the sscaff hook, `{{}}`
 * dropped from file names, `{{ $base }}` and the version placeholders filled with the versions
 * installed here.
 */
export function writeTemplate(dir: string): void {
  const values: Record<string, string> = {
    $base: path.basename(dir),
    cdk8s_core_version: versionOf('cdk8s'),
    cdk8s_plus_version: versionOf('cdk8s-plus-33'),
    constructs_version: versionOf('constructs'),
    cdk8s_cli_spec: `^${versionOf('cdk8s-cli')}`,
  };
  const copy = (from: string, to: string): void => {
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      if (e.name === '.hooks.sscaff.js') continue;
      const target = path.join(to, e.name.replace('{{}}', ''));
      if (e.isDirectory()) {
        fs.mkdirSync(target, { recursive: true });
        copy(path.join(from, e.name), target);
        continue;
      }
      const text = fs.readFileSync(path.join(from, e.name), 'utf8').replace(/\{\{ *([$\w]+) *\}\}/g, (_m, key: string) => {
        if (!(key in values)) throw new Error(`the template uses {{ ${key} }}, which this test does not know`);
        return values[key];
      });
      fs.writeFileSync(target, text);
    }
  };
  fs.mkdirSync(dir, { recursive: true });
  copy(TEMPLATE, dir);
}

/** node_modules of links to this repository's packages (netfence and the workspace excepted), with their bins. */
export function linkModules(dir: string): void {
  const target = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(target, '.bin'), { recursive: true });
  for (const name of fs.readdirSync(MODULES)) {
    if (name.startsWith('.') || name === 'netfence' || name === '@netfence-examples') continue;
    if (name.startsWith('@')) {
      fs.mkdirSync(path.join(target, name));
      for (const sub of fs.readdirSync(path.join(MODULES, name))) fs.symlinkSync(path.join(MODULES, name, sub), path.join(target, name, sub));
    } else fs.symlinkSync(path.join(MODULES, name), path.join(target, name));
  }
  for (const bin of fs.readdirSync(path.join(MODULES, '.bin'))) {
    if (bin === 'netfence') continue;
    fs.symlinkSync(fs.realpathSync(path.join(MODULES, '.bin', bin)), path.join(target, '.bin', bin));
  }
}

/** Installs a packed tarball into the project's node_modules as npm would, and records it in package.json. */
export function installTarball(dir: string, tarball: string): string {
  const staging = fs.mkdtempSync(path.join(dir, '.unpack-'));
  const r = spawnSync('tar', ['-xzf', tarball, '-C', staging], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
  const pkgDir = path.join(staging, 'package');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { name: string; bin?: Record<string, string> };
  const target = path.join(dir, 'node_modules', ...pkg.name.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(pkgDir, target);
  fs.rmSync(staging, { recursive: true, force: true });
  for (const [bin, file] of Object.entries(pkg.bin ?? {})) {
    const script = path.join(target, file);
    fs.chmodSync(script, 0o755);
    fs.symlinkSync(path.relative(path.join(dir, 'node_modules', '.bin'), script), path.join(dir, 'node_modules', '.bin', bin));
  }
  const manifest = path.join(dir, 'package.json');
  const project = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies: Record<string, string> };
  project.dependencies[pkg.name] = `file:${tarball}`;
  fs.writeFileSync(manifest, `${JSON.stringify(project, null, 2)}\n`);
  return target;
}

/** What a command printed and how it ended. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the project as a user would, without the registry (npm fails at once if it tries). */
export function inProject(dir: string, command: string, args: readonly string[], timeout = 180_000): CommandRun {
  const r = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 26,
    env: { ...baseEnvironment(), CDK8S_CHECK_UPGRADE: 'false', npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: `${String(r.stderr ?? '')}${r.error ? String(r.error) : ''}` };
}
