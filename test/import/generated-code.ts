/**
 * Runs the TypeScript `netfence import` writes, in this process: each file transpiled as ts-node
 * would (module by module, `netfence` being this library's sources), so tests check the printed
 * code itself, not only the plan it was printed from.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { App } from 'cdk8s';
import { importPolicies, buildPlannedApp, writtenPolicies } from '../../lib/import';
import { readInputs } from '../../lib/analysis';
import { comparePolicySets, formatPolicySetDifference } from '../../lib/ci/policy-equivalence';
import { synthesizeToMemory } from '../../lib/synth';
import { Policy } from '../../lib/analysis/policy-model';
import { PolicySet } from './policy-sets';

/** What the generated test file's `describe`/`test` calls ran: each test's name, and its error if it failed. */
export interface GeneratedTestRun {
  readonly tests: readonly { readonly name: string; readonly error?: Error }[];
}

/**
 * Loads the generated files and returns `main.ts`'s exports; with `test`, runs `main.test.ts`
 * too, with describe/test calling their bodies at once and jest's `expect` (netfence's matchers
 * registered), recording each test's outcome in `run`.
 */
export function runGenerated(files: ReadonlyMap<string, string>, run?: { tests: { name: string; error?: Error }[] }): { app: App } & Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  const load = (name: string): Record<string, unknown> => {
    const hit = cache.get(name);
    if (hit) return hit;
    const text = files.get(`${name}.ts`);
    if (text === undefined) throw new Error(`no generated file ${name}.ts`);
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: `${name}.ts` }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(name, module.exports);
    const req = (spec: string): unknown => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (spec === 'netfence') return require('../../lib');
      if (spec.startsWith('./')) return load(spec.slice(2));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(spec);
    };
    const describe = (_: string, body: () => void): void => body();
    const test = (name: string, body: () => void): void => {
      try {
        body();
        run?.tests.push({ name });
      } catch (e) {
        run?.tests.push({ name, error: e as Error });
      }
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('exports', 'require', 'module', 'describe', 'test', 'expect', js)(module.exports, req, module, describe, test, expect);
    cache.set(name, module.exports);
    return module.exports;
  };
  const main = load('main') as { app: App } & Record<string, unknown>;
  if (run) load('main.test');
  return main;
}

const ROOT = path.join(__dirname, '..', '..');

/**
 * Type-checks generated file sets as tsc would in a user's project (strict, the repo's compiler
 * options, `netfence` resolving to this library's sources): all sets in one program, each in a
 * folder of its own under build/, removed afterwards. Returns the diagnostics as text, one a line.
 */
export function typecheckGenerated(sets: readonly ReadonlyMap<string, string>[]): string[] {
  const dir = path.join(ROOT, 'build', `test-import-typecheck-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    const roots: string[] = [];
    sets.forEach((files, i) => {
      for (const [name, text] of files) {
        const file = path.join(dir, String(i), name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        roots.push(file);
      }
    });
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: Record<string, unknown> };
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
    const program = ts.createProgram(roots, { ...options, noEmit: true, declaration: false, sourceMap: false, rootDir: undefined, outDir: undefined });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything wrong with one set's round trip (empty when it holds). */
export function roundTrip(s: PolicySet): string[] {
  const problems: string[] = [];
  const input = readInputs(s.manifests, { skipInvalid: true }).inventory.policies;
  const r = importPolicies(s.manifests, { skipInvalid: true });
  if (r.proof.fellBack.length > 0) problems.push(`fell back to the L2 in ${r.proof.fellBack.join(', ')}`);
  // The report lists the NetworkPolicies in input order, then the cluster-scoped policies in input order.
  const expected = [...input.filter((p) => p.tier === 'NetworkPolicy'), ...input.filter((p) => p.tier !== 'NetworkPolicy')];
  if (r.policies.map((p) => p.id).join(',') !== expected.map((p) => p.id).join(',')) problems.push('the report does not list every input policy once, in order');
  const run: GeneratedTestRun & { tests: { name: string; error?: Error }[] } = { tests: [] };
  const generated = runGenerated(r.files, run);
  const printed = [...synthesizeToMemory(generated.app)];
  if (JSON.stringify(printed) !== JSON.stringify([...synthesizeToMemory(buildPlannedApp(r.plan))])) problems.push('the printed code synthesizes other YAML than the proved plan');
  const whole = comparePolicySets(input, writtenPolicies(generated.app), { maxDifferences: 2 });
  if (!whole.equivalent) problems.push(`not equivalent on the whole set: ${whole.differences.map(formatPolicySetDifference).join('; ')}`);
  if (run.tests.length === 0) problems.push('the generated test file has no test');
  for (const t of run.tests) if (t.error) problems.push(`generated test ${t.name} fails: ${t.error.message.split('\n')[0]}`);
  return problems.map((p) => `${s.name}: ${p}`);
}

/** What a planted mutation of imported code came to, for the import laws. */
export type MutationVerdict =
  | { readonly kind: 'refused' }
  | { readonly kind: 'caught' }
  | { readonly kind: 'equivalent'; readonly app: App; readonly policies: readonly Policy[]; readonly witnessPods: number };

/**
 * Runs the mutated files and compares what they write with `input`: refused by synthesis
 * (netfence's validation; the error must match `refusal`), told apart by `comparePolicySets`, or
 * said equivalent, which the caller then puts to its oracle.
 */
export function judgeMutation(files: ReadonlyMap<string, string>, input: readonly Policy[], refusal: RegExp): MutationVerdict {
  let app: App;
  let policies: readonly Policy[];
  try {
    app = runGenerated(files).app;
    policies = writtenPolicies(app);
  } catch (e) {
    expect(String(e)).toMatch(refusal);
    return { kind: 'refused' };
  }
  const cmp = comparePolicySets(input, policies, { maxDifferences: 1 });
  return cmp.equivalent ? { kind: 'equivalent', app, policies, witnessPods: cmp.stats.witnessPods } : { kind: 'caught' };
}
