import * as fs from 'fs';
import * as path from 'path';
import { LINT_RULES } from '../../lib/lint';

describe('docs/lint.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'lint.md'), 'utf8');

  it('documents every rule with its id and default severity, in the table and as a section', () => {
    for (const r of LINT_RULES) {
      expect(doc).toContain(`| \`${r.id}\` | ${r.severity} |`);
      expect(doc).toMatch(new RegExp(`### \`${r.id}\` \\(${r.severity}[,)]`));
    }
  });
});
