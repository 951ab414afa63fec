import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, runProcess } from './subprocess';
import { readCdk8sConfig } from '../../lib/synth/cdk8s-config';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(path.dirname(CLI), '..');
// provenance-app.ts: line 9 `new DenyAll(...)`, line 10 the AllowFrom intent whose egress side has no DNS.
const APP_TEXT = `import { App, Chart } from 'cdk8s';
import { AllowFrom, DenyAll } from ${JSON.stringify(path.join(LIB, 'constructs'))};
import { Pods, Port } from ${JSON.stringify(path.join(LIB, 'core'))};

/** A small app for netfence lint --app: its egress policies allow no DNS (egress-without-dns). */
export default function build(): App {
  const app = new App();
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new DenyAll(shop, 'deny-all');
  AllowFrom(shop, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'db' })).on(Port.tcp(5432));
  return app;
}
`;
const DENY_LINE = 9;
const INTENT_LINE = 10;
let APP = '';
let SOURCE = '';

// The real process, which loads the .ts app with ts-node as a user's would: its source maps give
// the .ts lines. The app imports the compiled CLI's netfence, so ts-node compiles only the app.
const cli = (args: readonly string[]): { code: number | null; stdout: string; stderr: string } => runProcess(args, { cwd: ROOT });

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(ROOT, 'build', 'test-project-lint-app-'));
  APP = path.join(dir, 'provenance-app.ts');
  fs.writeFileSync(APP, APP_TEXT);
  SOURCE = path.relative(ROOT, APP).split(path.sep).join('/');
});

afterAll(() => {
  if (APP !== '') fs.rmSync(path.dirname(APP), { recursive: true, force: true });
});

describe('netfence lint --app', () => {
  const outdir = readCdk8sConfig(ROOT)?.output ?? 'dist';

  test('lints the app in memory: findings start at the .ts line and keep the YAML position; nothing is written', async () => {
    const before = fs.existsSync(path.join(ROOT, outdir)) ? fs.readdirSync(path.join(ROOT, outdir)).sort() : undefined;
    const { code, stdout } = cli(['lint', '--app', APP]);
    expect(code).toBe(0);
    const findings = stdout.split('\n').filter((l) => l.includes(' egress-without-dns '));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((l) => l.includes('shop/allow-web-to-db-egress '))).toBe(true);
    for (const l of findings) {
      const line = l.includes('shop/deny-all ') ? DENY_LINE : INTENT_LINE;
      expect(l).toMatch(new RegExp(`^${SOURCE}:${line}: warning egress-without-dns NetworkPolicy shop/(deny-all|allow-web-to-db-egress) `));
      expect(l).toMatch(new RegExp(`\\(${outdir}/shop\\.k8s\\.yaml:\\d+:\\d+\\)$`));
    }
    expect(fs.existsSync(path.join(ROOT, outdir)) ? fs.readdirSync(path.join(ROOT, outdir)).sort() : undefined).toEqual(before);
  });

  test('exit 1 when a finding reaches --fail-on', async () => {
    expect((cli(['lint', '--app', APP, '--fail-on', 'warning'])).code).toBe(1);
  });

  test('SARIF: the result is on the .ts line, the YAML a related location', async () => {
    const { code, stdout } = cli(['lint', '--app', APP, '--format', 'sarif']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { runs: { results: { ruleId: string; message: { text: string }; locations: unknown[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties?: unknown }[] }[] };
    const dns = doc.runs[0].results.filter((r) => r.ruleId === 'egress-without-dns' && r.message.text.startsWith('NetworkPolicy shop/allow-web-to-db-egress '));
    expect(dns.length).toBeGreaterThan(0);
    for (const r of dns) {
      expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: SOURCE }, region: { startLine: INTENT_LINE } } }]);
      expect(r.relatedLocations?.[0].physicalLocation.artifactLocation.uri).toBe(`${outdir}/shop.k8s.yaml`);
      expect(r.properties).toEqual({ constructPath: 'shop/allow-web-to-db/egress' });
    }
  });

  test('no input at all: exit 2 naming both ways to give one', async () => {
    const { code, stderr } = cli(['lint']);
    expect(code).toBe(2);
    expect(stderr).toContain('pass -f <path>... or --app [module]');
  });
});

describe('netfence synth --provenance', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-prov-cli-'));

  test('annotates every object, byte-identical on a rerun; lint -f on the output points where lint --app does', async () => {
    const a = tmp();
    const b = tmp();
    try {
      expect((cli(['synth', '--provenance', '--app', APP, '--out', a])).code).toBe(0);
      expect((cli(['synth', '--provenance', '--app', APP, '--out', b])).code).toBe(0);
      const files = fs.readdirSync(a).sort();
      expect(fs.readdirSync(b).sort()).toEqual(files);
      for (const f of files) expect(fs.readFileSync(path.join(b, f), 'utf8')).toBe(fs.readFileSync(path.join(a, f), 'utf8'));
      const text = fs.readFileSync(path.join(a, 'shop.k8s.yaml'), 'utf8');
      expect(text).toContain(`netfence.dev/source: ${SOURCE}:${DENY_LINE}\n`);
      expect(text).toContain(`netfence.dev/source: ${SOURCE}:${INTENT_LINE}\n`);
      expect(text).toContain('netfence.dev/construct-path: shop/allow-web-to-db/egress\n');
      expect(text).not.toContain(os.tmpdir());
      const fromFiles = cli(['lint', '-f', a]);
      const intentFindings = fromFiles.stdout.split('\n').filter((l) => l.includes(' NetworkPolicy shop/allow-web-to-db-egress '));
      expect(intentFindings.length).toBeGreaterThan(0);
      for (const l of intentFindings) expect(l.startsWith(`${SOURCE}:${INTENT_LINE}: `)).toBe(true);

      // --check compares like with like: with the flag no drift, without it the annotations differ.
      expect((cli(['synth', '--check', '--provenance', '--app', APP, '--out', a])).code).toBe(0);
      expect((cli(['synth', '--check', '--app', APP, '--out', a])).code).toBe(1);
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  test('a command app cannot be followed to its lines: synth and lint --app say so instead of writing no provenance silently', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'build', 'test-project-command-app-'));
    try {
      // `node main.js extra` is a command, not a module netfence could load itself.
      fs.writeFileSync(path.join(dir, 'main.js'), "const { App, Chart } = require('cdk8s');\nconst app = new App();\nnew Chart(app, 'c');\napp.synth();\n");
      fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js extra\n');
      const synth = runProcess(['synth', '--provenance', '--out', 'out'], { cwd: dir });
      expect(synth.code).toBe(0);
      expect(synth.stderr).toContain('netfence: warning: no provenance for the app command `node main.js extra`');
      expect(runProcess(['synth', '--out', 'out2'], { cwd: dir }).stderr).not.toContain('provenance');
      expect(runProcess(['lint', '--app'], { cwd: dir }).stderr).toContain('netfence: warning: no provenance for the app command');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without the flag the output has no provenance', async () => {
    const a = tmp();
    try {
      expect((cli(['synth', '--app', APP, '--out', a])).code).toBe(0);
      expect(fs.readFileSync(path.join(a, 'shop.k8s.yaml'), 'utf8')).not.toContain('netfence.dev/');
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
    }
  });
});
