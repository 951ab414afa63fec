/**
 * Compiles lib/ once per jest run into build/test-cli/, so that tests about the process itself
 * (signals, exit codes, standard input, symlinks, permissions) run the real `netfence` binary
 * with node, in a fraction of a second per run. Transpile only: `npm test` type-checks first.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'build', 'test-cli');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

module.exports = async function globalSetup() {
  const tsconfig = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, ROOT);
  fs.rmSync(OUT, { recursive: true, force: true });
  // Projects that earlier runs of the process tests made under build/.
  if (fs.existsSync(path.join(ROOT, 'build'))) {
    for (const name of fs.readdirSync(path.join(ROOT, 'build'))) {
      if (name.startsWith('test-project-')) fs.rmSync(path.join(ROOT, 'build', name), { recursive: true, force: true });
    }
  }
  for (const file of walk(path.join(ROOT, 'lib'), [])) {
    const source = fs.readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { ...options, sourceMap: false, declaration: false }, fileName: file });
    const target = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
};
