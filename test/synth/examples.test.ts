import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, YamlOutputType } from 'cdk8s';
import { synthesizeToMemory } from '../../lib/synth';
import { withGenericToJson } from '../constructs/generic-to-json';

const MAIN = path.join(__dirname, '..', '..', 'examples', 'main.ts');

function readTree(dir: string): [string, string][] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

const describeIfExamples = fs.existsSync(MAIN) ? describe : describe.skip;

describeIfExamples('the examples synthesize byte for byte as with App.synth() and cdk8s generic toJson()', () => {
  // Loaded lazily: the examples are another part of the project and may be absent.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const buildApp = (require(MAIN) as { buildApp: (props?: AppProps) => App }).buildApp;

  for (const type of [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP]) {
    test(YamlOutputType[type], () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-examples-'));
      withGenericToJson(() => buildApp({ outdir, yamlOutputType: type }).synth());
      const expected = readTree(outdir);
      expect(expected.length).toBeGreaterThan(0);
      const ours = [...synthesizeToMemory(buildApp({ yamlOutputType: type })).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      expect(ours).toEqual(expected);
    });
  }
});
