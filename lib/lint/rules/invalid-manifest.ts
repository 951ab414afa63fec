import { LintRule } from '../rule';

/** Objects the API server would reject (lib/validate), reported when lint runs with --skip-invalid. */
export const invalidManifest: LintRule = {
  id: 'invalid-manifest',
  severity: 'error',
  title: 'Object the API server would reject',
  explanation:
    'The object fails the checks of `netfence validate` (the API server\'s own validation, plus types and unknown fields, ' +
    'and near-misses of the kinds netfence reads). Such an object never exists in a cluster. By default lint refuses the ' +
    'inputs (exit 2) with these findings; with `--skip-invalid` it lints the rest as the cluster would hold it and reports ' +
    'each rejected object here.',
  fix: 'Apply the fix the message names (the same text `netfence validate` prints).',
  check: (ctx) => ctx.invalid,
};
