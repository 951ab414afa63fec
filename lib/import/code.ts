/**
 * The code `netfence import` writes, as a small expression tree that is both printed (the
 * TypeScript a user reads) and evaluated (the app the import proves equivalent before writing
 * anything). One tree for both means the code proved is the code written: there is no second
 * translation that could drift.
 *
 * Every string from the inputs (names, labels, file names) reaches the output only through
 * `stringLiteral` and `commentText`, which escape everything that could end a literal or a
 * comment, or hide from a reviewer (control, bidirectional and line-separator characters).
 */
import { escapeText, typescriptString } from '../render/escape';

/** An expression of the generated code. */
export type Code =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Code])[] }
  | { readonly kind: 'array'; readonly items: readonly Code[] }
  /** A name the generated file imports (`Pods`, `Port`, `Side`). */
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'this' }
  | { readonly kind: 'member'; readonly of: Code; readonly name: string }
  | { readonly kind: 'call'; readonly callee: Code; readonly args: readonly Code[] }
  | { readonly kind: 'new'; readonly callee: Code; readonly args: readonly Code[] };

/** A literal. */
export function lit(value: string | number | boolean): Code {
  return { kind: 'literal', value };
}

/** An object literal; entries keep their order. */
export function obj(entries: readonly (readonly [string, Code])[]): Code {
  return { kind: 'object', entries };
}

/** An object literal of strings (labels). */
export function stringMap(map: Readonly<Record<string, string>>): Code {
  return obj(Object.keys(map).map((k) => [k, lit(map[k])] as const));
}

/** An array literal. */
export function arr(items: readonly Code[]): Code {
  return { kind: 'array', items };
}

/** An imported name. */
export function sym(name: string): Code {
  return { kind: 'symbol', name };
}

/** `this`. */
export const THIS: Code = { kind: 'this' };

/** `of.name`. */
export function member(of: Code, name: string): Code {
  return { kind: 'member', of, name };
}

/** `of.name(args)`. */
export function method(of: Code, name: string, ...args: Code[]): Code {
  return { kind: 'call', callee: member(of, name), args };
}

/** `callee(args)`. */
export function call(callee: Code, ...args: Code[]): Code {
  return { kind: 'call', callee, args };
}

/** `new callee(args)`. */
export function construct(callee: Code, ...args: Code[]): Code {
  return { kind: 'new', callee, args };
}

/** The symbols an expression uses, for the file's import list. */
export function symbolsOf(code: Code, into: Set<string> = new Set()): Set<string> {
  switch (code.kind) {
    case 'symbol':
      into.add(code.name);
      break;
    case 'object':
      for (const [, v] of code.entries) symbolsOf(v, into);
      break;
    case 'array':
      for (const v of code.items) symbolsOf(v, into);
      break;
    case 'member':
      symbolsOf(code.of, into);
      break;
    case 'call':
    case 'new':
      symbolsOf(code.callee, into);
      for (const v of code.args) symbolsOf(v, into);
      break;
    default:
      break;
  }
  return into;
}

// ---- evaluation --------------------------------------------------------------------------------

/** What evaluating needs: the value of `this` and of each imported name. */
export interface CodeEnvironment {
  readonly self: unknown;
  readonly symbols: ReadonlyMap<string, unknown>;
}

type Callable = (...args: unknown[]) => unknown;
type Constructible = new (...args: unknown[]) => unknown;

/** Evaluates an expression: what the printed code does when it runs. */
export function evaluate(code: Code, env: CodeEnvironment): unknown {
  switch (code.kind) {
    case 'literal':
      return code.value;
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty: a `__proto__` key is an own key, as the printed computed key makes it.
      for (const [k, v] of code.entries) Object.defineProperty(out, k, { value: evaluate(v, env), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return code.items.map((v) => evaluate(v, env));
    case 'symbol': {
      if (!env.symbols.has(code.name)) throw new Error(`netfence import: no symbol ${code.name}`);
      return env.symbols.get(code.name);
    }
    case 'this':
      return env.self;
    case 'member':
      return (evaluate(code.of, env) as Record<string, unknown>)[code.name];
    case 'call': {
      const args = code.args.map((a) => evaluate(a, env));
      if (code.callee.kind === 'member') {
        const target = evaluate(code.callee.of, env) as Record<string, unknown>;
        return (target[code.callee.name] as Callable).apply(target, args);
      }
      return (evaluate(code.callee, env) as Callable)(...args);
    }
    case 'new':
      return new (evaluate(code.callee, env) as Constructible)(...code.args.map((a) => evaluate(a, env)));
  }
}

// ---- printing ----------------------------------------------------------------------------------

const WIDTH = 110;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted TypeScript string literal of any text. */
export function stringLiteral(text: string): string {
  return typescriptString(text);
}

/** Text made safe inside a line or block comment: nothing in it can end the line or the comment, or hide. */
export function commentText(text: string): string {
  return escapeText(text).replace(/\*\//g, '*\\/');
}

function keyText(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** Prints an expression at an indentation; breaks lists across lines only when they do not fit. */
export function print(code: Code, indent = ''): string {
  const flat = printFlat(code);
  if (indent.length + flat.length <= WIDTH && !flat.includes('\n')) return flat;
  return printBroken(code, indent);
}

function printFlat(code: Code): string {
  switch (code.kind) {
    case 'literal':
      return typeof code.value === 'string' ? stringLiteral(code.value) : String(code.value);
    case 'object':
      return code.entries.length === 0 ? '{}' : `{ ${code.entries.map(([k, v]) => `${keyText(k)}: ${printFlat(v)}`).join(', ')} }`;
    case 'array':
      return `[${code.items.map(printFlat).join(', ')}]`;
    case 'symbol':
      return code.name;
    case 'this':
      return 'this';
    case 'member':
      return `${printFlat(code.of)}.${code.name}`;
    case 'call':
      return `${printFlat(code.callee)}(${code.args.map(printFlat).join(', ')})`;
    case 'new':
      return `new ${printFlat(code.callee)}(${code.args.map(printFlat).join(', ')})`;
  }
}

function printBroken(code: Code, indent: string): string {
  const inner = `${indent}  `;
  switch (code.kind) {
    case 'object':
      return `{\n${code.entries.map(([k, v]) => `${inner}${keyText(k)}: ${print(v, inner)},`).join('\n')}\n${indent}}`;
    case 'array':
      return `[\n${code.items.map((v) => `${inner}${print(v, inner)},`).join('\n')}\n${indent}]`;
    case 'member':
      return `${print(code.of, indent)}.${code.name}`;
    case 'call':
    case 'new': {
      const chain = code.kind === 'call' ? chainOf(code) : undefined;
      if (chain !== undefined) {
        const inner2 = `${indent}  `;
        return `${print(chain.base, indent)}${chain.links.map((l) => `\n${inner2}.${l.name}(${printArgs(l.args, inner2)})`).join('')}`;
      }
      const head = `${code.kind === 'new' ? 'new ' : ''}${print(code.callee, indent)}`;
      const lastLine = head.slice(head.lastIndexOf('\n') + 1);
      // A call whose last argument is an object or array keeps it on the call's line: `f(a, {`.
      const last = code.args[code.args.length - 1];
      const firsts = code.args.slice(0, -1).map(printFlat);
      if (last && (last.kind === 'object' || last.kind === 'array')) {
        const start = `${lastLine}(${[...firsts, ''].join(', ')}`;
        if (start.length <= WIDTH) return `${head}(${[...firsts, ''].join(', ')}${printBroken(last, indent)})`;
      }
      return `${head}(\n${code.args.map((a) => `${inner}${print(a, inner)},`).join('\n')}\n${indent})`;
    }
    default:
      return printFlat(code);
  }
}

/** A method chain `base.a(..).b(..)` of at least two calls after a call, for one link per line. */
function chainOf(code: Code): { base: Code; links: { name: string; args: readonly Code[] }[] } | undefined {
  const links: { name: string; args: readonly Code[] }[] = [];
  let cur: Code = code;
  while (cur.kind === 'call' && cur.callee.kind === 'member' && cur.callee.of.kind === 'call') {
    links.unshift({ name: cur.callee.name, args: cur.args });
    cur = cur.callee.of;
  }
  return links.length >= 1 && cur.kind === 'call' && cur.callee.kind !== 'member' ? { base: cur, links } : undefined;
}

/** Arguments on one line when they fit, else the last object or array broken. */
function printArgs(args: readonly Code[], indent: string): string {
  const flat = args.map(printFlat).join(', ');
  if (indent.length + flat.length + 8 <= WIDTH) return flat;
  const last = args[args.length - 1];
  if (last && (last.kind === 'object' || last.kind === 'array')) return [...args.slice(0, -1).map(printFlat), printBroken(last, indent)].join(', ');
  return `\n${args.map((a) => `${indent}  ${print(a, `${indent}  `)},`).join('\n')}\n${indent}`;
}
