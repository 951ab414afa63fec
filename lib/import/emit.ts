/**
 * The files `netfence import` writes: a chart class per namespace (`shop.ts`), `main.ts` that
 * builds and exports the App (`netfence synth --app main.ts`, or `cdk8s synth` with
 * `app: npx ts-node main.ts`), and `main.test.ts` with what the policies mean. Deterministic:
 * the same inputs give the same bytes.
 */
import { arr, Code, commentText, construct, lit, print, stringLiteral, sym, symbolsOf } from './code';
import { Expectation, STRANGER, STRANGER_CODE } from './expectations';
import { APP_SYMBOL, ChartPlan, ImportPlan, PlannedStatement } from './plan';
import { IMPORT_SYMBOLS } from './symbols';

/** The entry point's file name. */
export const MAIN_FILE = 'main.ts';
/** The test's file name. */
export const TEST_FILE = 'main.test.ts';

function importLine(names: Iterable<string>, from: string): string {
  const sorted = [...new Set(names)].sort();
  return sorted.length === 0 ? '' : `import { ${sorted.join(', ')} } from ${stringLiteral(from)};\n`;
}

function netfenceNames(codes: readonly Code[]): string[] {
  const used = new Set<string>();
  for (const c of codes) symbolsOf(c, used);
  return [...used].filter((n) => IMPORT_SYMBOLS.has(n));
}

function statementText(s: PlannedStatement, indent: string): string {
  const comment = s.comment.map((c) => `${indent}// ${c}\n`).join('');
  return `${comment}${indent}${print(s.code, indent)};\n`;
}

/** The header every generated file starts with. */
function header(sources: string): string {
  return `// Written by \`netfence import\` from ${commentText(sources)}; yours to edit from here on.\n`;
}

/** The chart class of one namespace. */
export function chartFile(chart: ChartPlan, sources: string): string {
  const codes = [...chart.fields.map((f) => f.code), ...chart.statements.map((s) => s.code)];
  const fields = chart.fields.map((f) => `  /** ${commentText(f.doc)}. */\n  public readonly ${f.name} = ${print(f.code, '  ')};\n`).join('');
  const body = chart.statements.map((s) => statementText(s, '    ')).join('\n');
  return (
    header(sources) +
    importLine(['Chart', 'ChartProps'], 'cdk8s') +
    importLine(['Construct'], 'constructs') +
    importLine(netfenceNames(codes), 'netfence') +
    (chart.clusterScoped
      ? `\n/** The cluster-scoped policies: ClusterNetworkPolicies, which belong to no namespace. */\n`
      : `\n/** The NetworkPolicies of namespace ${commentText(chart.namespace)}. */\n`) +
    `export class ${chart.className} extends Chart {\n` +
    fields +
    (fields === '' ? '' : '\n') +
    `  public constructor(scope: Construct, id: string, props: ChartProps = {}) {\n` +
    (chart.clusterScoped ? `    super(scope, id, props);\n\n` : `    super(scope, id, { namespace: ${stringLiteral(chart.namespace)}, ...props });\n\n`) +
    body +
    `  }\n}\n`
  );
}

/** `main.ts`: the App, each namespace's chart, and app-level constructs. */
export function mainFile(plan: ImportPlan, sources: string): string {
  const imports = plan.charts.map((c) => `import { ${c.className} } from ${stringLiteral(`./${c.file.replace(/\.ts$/, '')}`)};\n`).join('');
  const charts = plan.charts.map((c) => `export const ${c.variable} = ${print(construct(sym(c.className), sym(APP_SYMBOL), lit(c.id)))};\n`).join('');
  const rest = plan.appStatements.map((s) => statementText(s, '')).join('');
  return (
    header(sources) +
    importLine(['App'], 'cdk8s') +
    importLine(netfenceNames(plan.appStatements.map((s) => s.code)), 'netfence') +
    imports +
    `\n/** The imported policies as an app: \`netfence synth --app ${MAIN_FILE}\` writes them. */\n` +
    `export const ${APP_SYMBOL} = new App();\n` +
    charts +
    (rest === '' ? '' : `\n${rest}`) +
    `\n// Run directly (\`npx ts-node ${MAIN_FILE}\`, as cdk8s synth does), the app writes its manifests.\n` +
    `if (require.main === module) ${APP_SYMBOL}.synth();\n`
  );
}

/** `main.test.ts`: what the policies mean, one test per chart. */
export function testFile(plan: ImportPlan, expectations: readonly Expectation[], sources: string): string {
  const ends = expectations.flatMap((e) => [e.from, e.to, ...(e.port ? [e.port] : [])]);
  const usesStranger = ends.some((c) => symbolsOf(c).has(STRANGER));
  const codes = usesStranger ? [STRANGER_CODE, ...ends] : ends;
  let usesTesting = false;
  const tests = plan.charts
    .map((c) => {
      let lines = expectations
        .filter((e) => e.chart === c)
        .map((e) => {
          const args = [print(e.from, '    '), print(e.to, '    '), ...(e.port ? [print(e.port, '    ')] : [])];
          return `    expect(${c.variable}).${e.allow ? 'toAllow' : 'toDeny'}(${args.join(', ')});\n`;
        })
        .join('');
      if (lines === '') {
        // Nothing decided by the policies alone: at least hold the chart to the policies it writes.
        usesTesting = true;
        const names = plan.policies.filter((p) => p.file === c.file).map((p) => p.id.slice(p.id.indexOf('/') + 1)).sort();
        lines =
          `    // Every flow these policies decide depends on which numbers the pods' named ports are, which the\n` +
          `    // matchers' stand-ins do not have: assert on your own pods. Meanwhile, the policies it writes:\n` +
          `    expect(Testing.synth(${c.variable}).map((o: { metadata: { name: string } }) => o.metadata.name).sort()).toEqual(${print(arr(names.map(lit)), '    ')});\n`;
      }
      return `  test(${stringLiteral(c.clusterScoped ? 'cluster-scoped policies' : `namespace ${c.namespace}`)}, () => {\n${lines}  });\n`;
    })
    .join('\n');
  return (
    header(sources) +
    importLine(usesTesting ? ['Testing'] : [], 'cdk8s') +
    importLine(netfenceNames(codes), 'netfence') +
    importLine(plan.charts.map((c) => c.variable), './main') +
    (usesStranger ? `\n// Pods no imported policy names, in a namespace none names.\nconst ${STRANGER} = ${print(STRANGER_CODE)};\n` : '') +
    `\n// What the imported policies mean, as netfence's engine decides it (each assertion on every pod\n` +
    `// the selectors can match, or a stand-in with exactly their labels). Add your own below.\n` +
    `describe('imported policies', () => {\n${tests}});\n`
  );
}
