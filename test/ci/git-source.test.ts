/**
 * `<rev>:<path>` sides of a diff as git means them, whatever the current folder: a subfolder's
 * cwd never empties a side, `./` is relative to the current folder, nothing the user types
 * reaches git as an option, and a tree without manifests is an error.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadGitManifests, loadSource } from '../../lib/ci/manifest-source';
import { run } from '../cli/run-cli';
import { allowIngress, DENY_INGRESS, folder, SHOP_WORKLOADS } from './helpers';

function repoWith(files: Record<string, string>): { repo: string; git: (...args: string[]) => string } {
  const repo = folder(files, 'netfence-git-src-');
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).toString();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return { repo, git };
}

const names = (list: { object: Record<string, unknown> }[]): string[] => list.map((m) => String((m.object.metadata as { name: string }).name)).sort();

describe('diff from a subfolder', () => {
  const { repo, git } = repoWith({ 'app/dist/workloads.yaml': SHOP_WORKLOADS, 'app/dist/policies.yaml': DENY_INGRESS, 'app/README.md': 'x' });
  fs.writeFileSync(path.join(repo, 'app', 'dist', 'web.yaml'), allowIngress('fw', 'frontend', 'web', [8080]));
  git('add', '-A');
  git('commit', '-q', '-m', 'open');
  const sub = path.join(repo, 'app');

  test('<rev>:<path> is from the repository root, <rev>:./<path> from the current folder, both give the same side', () => {
    const fromRoot = loadGitManifests({ rev: 'HEAD~1', path: 'app/dist' }, sub);
    const fromHere = loadGitManifests({ rev: 'HEAD~1', path: './dist' }, sub);
    expect(names(fromRoot).length).toBeGreaterThan(0);
    expect(names(fromHere)).toEqual(names(fromRoot));
    expect(fromHere[0].source.file).toMatch(/^HEAD~1:app\/dist\//);
    expect(names(loadGitManifests({ rev: 'HEAD~1', path: '../dist' }, path.join(sub, 'dist')))).toEqual(names(fromRoot));
  });

  test('netfence diff HEAD~1:./dist dist in the subfolder sees the flow the change opens, and --fail-on added trips', async () => {
    const r = await run(['diff', 'HEAD~1:./dist', 'dist', '--format', 'json', '--fail-on', 'added'], sub);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).added).toEqual([expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '8080/TCP' })]);
    expect(JSON.parse(r.stdout).removed).toEqual([]);
  });

  test('a tree without manifests, or a path outside the repository, is an error, never an empty side', () => {
    expect(() => loadGitManifests({ rev: 'HEAD', path: 'app/nothing' }, sub)).toThrow(/HEAD:app\/nothing/);
    fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'docs', 'x.md'), '# x');
    git('add', '-A');
    git('commit', '-q', '-m', 'docs');
    expect(() => loadGitManifests({ rev: 'HEAD', path: 'docs' }, sub)).toThrow('HEAD:docs holds no .yaml, .yml or .json file');
    expect(() => loadGitManifests({ rev: 'HEAD', path: '../../x' }, sub)).toThrow(/is outside the repository/);
  });

  test('nothing the user types reaches git as an option', () => {
    const marker = path.join(repo, 'injected');
    expect(() => loadSource(`--output=${marker}:dist`, sub)).toThrow(/is not a revision: revisions never start with '-'/);
    expect(() => loadGitManifests({ rev: '--all', path: 'app/dist' }, sub)).toThrow(/never start with '-'/);
    expect(() => loadGitManifests({ rev: 'HEAD --all', path: 'app/dist' }, sub)).toThrow(/unknown git revision/);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
