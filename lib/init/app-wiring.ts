/**
 * Adding the example chart to the app module, so that `netfence synth` and `cdk8s synth` write
 * it: an import after the module's last import, and `new PolicyChart(app, 'network-policies')`
 * before its single `app.synth()`. Anything else (no such call, several Apps, a compiled .js
 * module) is left alone and becomes a manual step.
 */
import { ConfigEdit } from './jest-config';

/** The class the example chart exports, and the construct id the app gives it. */
export const EXAMPLE_CHART_CLASS = 'PolicyChart';
/** The example chart's construct id in the app: its file is `<id>.k8s.yaml`. */
export const EXAMPLE_CHART_ID = 'network-policies';

/** The statement that adds the example chart to an App held in `app`. */
export function chartStatement(app: string): string {
  return `new ${EXAMPLE_CHART_CLASS}(${app}, '${EXAMPLE_CHART_ID}');`;
}

/** Line index just after the module's last import statement (0 when there is none, after a shebang). */
function afterImports(lines: readonly string[]): number {
  let end = lines[0]?.startsWith('#!') ? 1 : 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^import\b/.test(lines[i])) continue;
    let j = i;
    // A statement ends on the line with its module specifier.
    while (j < lines.length && !/(?:\bfrom\s*|^import\s*)(['"])[^'"]+\1\s*;?\s*(?:\/\/.*)?$/.test(lines[j])) j++;
    if (j === lines.length) return -1;
    end = j + 1;
    i = j;
  }
  return end;
}

/**
 * Adds the example chart to an app module's text. `importFrom` is the module specifier of the
 * chart's file (`./policies`).
 */
export function wireExampleChart(text: string, importFrom: string): ConfigEdit {
  if (new RegExp(`\\b${EXAMPLE_CHART_CLASS}\\b`).test(text)) return { kind: 'unchanged' };
  const apps = [...text.matchAll(/^[ \t]*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.]+\s*)?=\s*new\s+(?:[\w$]+\.)?App\s*\(/gm)];
  if (apps.length !== 1) return { kind: 'manual', reason: apps.length === 0 ? 'it creates no App held in a variable' : 'it creates several Apps' };
  const app = apps[0][1];
  if (text.includes(`'${EXAMPLE_CHART_ID}'`) || text.includes(`"${EXAMPLE_CHART_ID}"`)) {
    return { kind: 'manual', reason: `it already has a construct named ${EXAMPLE_CHART_ID}` };
  }
  const lines = text.split('\n');
  const synthCalls = lines.flatMap((l, i) => (new RegExp(`^[ \\t]*${app.replace(/\$/g, '\\$')}\\.synth\\(\\)\\s*;?\\s*$`).test(l) ? [i] : []));
  if (synthCalls.length !== 1) return { kind: 'manual', reason: `it does not end with a single ${app}.synth()` };
  const at = afterImports(lines);
  if (at < 0 || at > synthCalls[0]) return { kind: 'manual', reason: 'its imports could not be read' };
  // Follow the module's own style: quotes and semicolons as its imports write them.
  const firstImport = lines.find((l) => /^import\b/.test(l) || /\bfrom\s*['"]/.test(l));
  const quote = firstImport !== undefined && /\bfrom\s*"/.test(firstImport) ? '"' : "'";
  const semi = firstImport === undefined || /;\s*$/.test(firstImport) ? ';' : '';
  const indent = /^[ \t]*/.exec(lines[synthCalls[0]])?.[0] ?? '';
  const statement = chartStatement(app).replace(/'/g, quote).replace(/;$/, semi);
  lines.splice(synthCalls[0], 0, `${indent}${statement}`);
  lines.splice(at, 0, `import { ${EXAMPLE_CHART_CLASS} } from ${quote}${importFrom}${quote}${semi}`);
  return { kind: 'updated', text: lines.join('\n') };
}
