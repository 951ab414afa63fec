/**
 * The part of GitHub Actions' expression language the workflow uses (`if:` and `${{ }}`):
 * literals, context paths (`github.event.pull_request.base.sha`, `steps.lint.outcome`),
 * `!`, `==`, `!=` (strings compared case-insensitively), `&&` and `||` (returning an operand, as
 * GitHub's do), parentheses, and the functions always(), success(), failure(), cancelled() and
 * contains(). Anything else is an error, so the test cannot silently misread a condition.
 */

/** A value of an expression. */
export type ExpressionValue = string | number | boolean | null | undefined | { readonly [k: string]: unknown } | readonly unknown[];

/** What an expression can read: contexts by name, and the job status for the status functions. */
export interface ExpressionContext {
  readonly contexts: Readonly<Record<string, unknown>>;
  /** Whether every earlier step succeeded (or continued on error). */
  readonly jobSucceeded: boolean;
}

type Token = { kind: 'op'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'ident'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in ${source}`);
        if (source[i] === "'" && source[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (source[i] === "'") {
          i++;
          break;
        } else text += source[i++];
      }
      tokens.push({ kind: 'string', text });
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (['==', '!=', '&&', '||'].includes(two)) {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else if ('!().,'.includes(ch)) {
        tokens.push({ kind: 'op', text: ch });
        i++;
      } else throw new Error(`unsupported character ${JSON.stringify(ch)} in expression ${source}`);
    }
  }
  return tokens;
}

function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Evaluates one expression (without the `${{ }}`). */
export function evaluate(source: string, context: ExpressionContext): unknown {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => {
    const t = peek();
    return t !== undefined && t.kind === 'op' && t.text === text;
  };
  const expectOp = (text: string): void => {
    if (!isOp(text)) throw new Error(`expected ${text} at token ${pos} in ${source}`);
    pos++;
  };

  const callFunction = (name: string, args: unknown[]): unknown => {
    switch (name) {
      case 'always':
        return true;
      case 'success':
        return context.jobSucceeded;
      case 'failure':
        return !context.jobSucceeded;
      case 'cancelled':
        return false;
      case 'contains':
        if (Array.isArray(args[0])) return args[0].some((x) => equal(x, args[1]));
        return String(args[0] ?? '').toLowerCase().includes(String(args[1] ?? '').toLowerCase());
      default:
        throw new Error(`unsupported function ${name}() in ${source}`);
    }
  };

  const primary = (): unknown => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of ${source}`);
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return t.value;
    if (t.kind === 'op' && t.text === '(') {
      const v = or();
      expectOp(')');
      return v;
    }
    if (t.kind !== 'ident') throw new Error(`unexpected ${t.text} in ${source}`);
    if (t.text === 'true') return true;
    if (t.text === 'false') return false;
    if (t.text === 'null') return null;
    if (isOp('(')) {
      pos++;
      const args: unknown[] = [];
      while (!isOp(')')) {
        args.push(or());
        if (isOp(',')) pos++;
      }
      expectOp(')');
      return callFunction(t.text, args);
    }
    if (!(t.text in context.contexts)) throw new Error(`unknown context ${t.text} in ${source}`);
    let value: unknown = context.contexts[t.text];
    while (isOp('.')) {
      pos++;
      const key = tokens[pos++];
      if (key === undefined || key.kind !== 'ident') throw new Error(`unsupported property access in ${source}`);
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key.text] : undefined;
    }
    return value;
  };
  const unary = (): unknown => {
    if (isOp('!')) {
      pos++;
      return !truthy(unary());
    }
    return primary();
  };
  const comparison = (): unknown => {
    const left = unary();
    if (isOp('==') || isOp('!=')) {
      const op = (tokens[pos++] as { text: string }).text;
      const right = unary();
      return op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const and = (): unknown => {
    let left = comparison();
    while (isOp('&&')) {
      pos++;
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): unknown => {
    let left = and();
    while (isOp('||')) {
      pos++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (pos !== tokens.length) throw new Error(`unexpected tokens after position ${pos} in ${source}`);
  return value;
}

/** Whether a step's or job's `if:` holds: without a status function, success() is implied. */
export function condition(source: string | undefined, context: ExpressionContext): boolean {
  if (source === undefined) return context.jobSucceeded;
  const text = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const result = truthy(evaluate(text, context));
  return /\b(always|success|failure|cancelled)\(\)/.test(text) ? result : result && context.jobSucceeded;
}

/** Replaces every `${{ expr }}` in a string with the expression's value as text. */
export function interpolate(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => {
    const v = evaluate(expr, context);
    return v === undefined || v === null ? '' : String(v);
  });
}
