/**
 * Adding netfence's setup file to a project's jest configuration, wherever jest reads it from:
 * `jest.config.{js,ts,mjs,mts,cjs,cts,json}` (jest's order), the `jest` key of package.json, or
 * the file `--config` names in the test script. Edits are small and textual, so the user's file
 * keeps its layout and comments; a shape netfence cannot edit safely becomes a manual step.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';
import { InitProject } from './project';

/** Configuration files in the order jest looks for them (jest-config's JEST_CONFIG_EXT_ORDER). */
export const JEST_CONFIG_FILES: readonly string[] = ['js', 'ts', 'mjs', 'mts', 'cjs', 'cts', 'json'].map((ext) => `jest.config.${ext}`);

/** Where jest reads the project's configuration. */
export type JestConfigLocation =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'package-json' }
  | { readonly kind: 'none' };

/** An edit to a configuration: nothing to do, the new text, or why it must be done by hand. */
export type ConfigEdit = { readonly kind: 'unchanged' } | { readonly kind: 'updated'; readonly text: string } | { readonly kind: 'manual'; readonly reason: string };

/** The configuration file named by `--config`/`-c` in the test script, if any. */
function configOfTestScript(pkg: Record<string, unknown>): string | undefined {
  const scripts = pkg.scripts;
  const test = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>).test : undefined;
  if (typeof test !== 'string') return undefined;
  const m = /(?:^|\s)(?:--config[=\s]|-c\s+)(['"]?)([^\s'"]+)\1/.exec(test);
  return m?.[2];
}

/**
 * Where jest reads its configuration in the project, found as jest finds it. Several implicit
 * configurations are an error: jest refuses to run with them too.
 */
export function findJestConfig(project: InitProject): JestConfigLocation {
  const explicit = configOfTestScript(project.packageJson.value);
  if (explicit !== undefined) return { kind: 'file', file: explicit };
  const found: JestConfigLocation[] = JEST_CONFIG_FILES.filter((f) => fs.existsSync(path.join(project.dir, f))).map((file) => ({ kind: 'file', file }));
  const key = project.packageJson.value.jest;
  if (typeof key === 'string') found.push({ kind: 'file', file: key });
  else if (key !== undefined) found.push({ kind: 'package-json' });
  if (found.length > 1) {
    const names = found.map((l) => (l.kind === 'file' ? l.file : 'package.json "jest"')).join(', ');
    throw new NetfenceError(`several jest configurations in ${project.dir}: ${names}; jest refuses to run with more than one: keep one, then run netfence init again`);
  }
  return found[0] ?? { kind: 'none' };
}

/** The setupFilesAfterEnv entry for a setup file at the configuration's root. */
export function setupEntry(setupFile: string): string {
  return `<rootDir>/${setupFile}`;
}

/**
 * Adds `entry` to setupFilesAfterEnv in a JavaScript or TypeScript configuration: into the array
 * literal when there is one, else as the first property of the exported object literal
 * (`module.exports = {`, `export default {`, or a variable exported either way).
 */
export function addSetupToScript(text: string, entry: string): ConfigEdit {
  if (text.includes(entry) || text.includes(path.basename(entry))) return { kind: 'unchanged' };
  const item = `'${entry}'`;
  const existing = /\bsetupFilesAfterEnv\b\s*:\s*/.exec(text);
  if (existing) {
    const at = existing.index + existing[0].length;
    if (text[at] !== '[') return { kind: 'manual', reason: `its setupFilesAfterEnv is not an array literal; add ${item} to it` };
    const empty = /^\s*\]/.test(text.slice(at + 1));
    return { kind: 'updated', text: `${text.slice(0, at + 1)}${empty ? item : `${item}, `}${text.slice(at + 1)}` };
  }
  let open = /\bmodule\.exports\s*=\s*\{/.exec(text) ?? /\bexport\s+default\s*\{/.exec(text);
  if (!open) {
    const exported = /\bmodule\.exports\s*=\s*([A-Za-z_$][\w$]*)\s*;?/.exec(text) ?? /\bexport\s+default\s+([A-Za-z_$][\w$]*)\s*;?/.exec(text);
    if (exported) open = new RegExp(`\\b(?:const|let|var)\\s+${exported[1].replace(/\$/g, '\\$')}\\s*(?::[^=]+)?=\\s*\\{`).exec(text);
  }
  if (!open) return { kind: 'manual', reason: `cannot find the configuration object to add setupFilesAfterEnv: [${item}] to` };
  const at = open.index + open[0].length;
  const rest = text.slice(at);
  const nextLine = /^[ \t]*\r?\n([ \t]*)\S/.exec(rest);
  if (nextLine === null) return { kind: 'updated', text: `${text.slice(0, at)} setupFilesAfterEnv: [${item}],${rest.startsWith(' ') ? '' : ' '}${rest}` };
  const indent = rest.slice(nextLine[0].length - 1).startsWith('}') ? `${nextLine[1]}  ` : nextLine[1];
  return { kind: 'updated', text: `${text.slice(0, at)}\n${indent}setupFilesAfterEnv: [${item}],${rest}` };
}

/** The indentation a JSON file uses (two spaces when it cannot tell). */
function jsonIndent(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/**
 * Adds `entry` to setupFilesAfterEnv of a JSON configuration: the whole file, or its `key`
 * (package.json's `jest`). The file is rewritten with its own indentation and final newline.
 */
export function addSetupToJson(text: string, entry: string, key?: string): ConfigEdit {
  const doc = JSON.parse(text) as Record<string, unknown>;
  const config = (key === undefined ? doc : doc[key]) as Record<string, unknown>;
  const list = config.setupFilesAfterEnv;
  if (list !== undefined && !Array.isArray(list)) return { kind: 'manual', reason: `its setupFilesAfterEnv is not a list; add "${entry}" to it` };
  if (Array.isArray(list) && list.includes(entry)) return { kind: 'unchanged' };
  config.setupFilesAfterEnv = [...(list ?? []), entry];
  return { kind: 'updated', text: `${JSON.stringify(doc, null, jsonIndent(text))}${text.endsWith('\n') ? '\n' : ''}` };
}

/** A jest.config.js for a project that has none: ts-jest, tests beside the code, as cdk8s init writes it, with the setup file. */
export function newJestConfig(entry: string): string {
  return `module.exports = {
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\\\.tsx?$': 'ts-jest' },
  setupFilesAfterEnv: ['${entry}'],
};
`;
}
