/**
 * What `netfence init` writes, read from the files this package ships: the example chart, its
 * test and the jest setup from examples/init/, the workflow from examples/ci/netfence.yml. The
 * repository type-checks and tests those very files, so what a project gets is what was tested.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetfenceError } from '../core/errors';

/** The text of every file `netfence init` creates. */
export interface InitTemplates {
  /** The example chart (`policies.ts`), exporting `PolicyChart`. */
  readonly chart: string;
  /** Its test (`policies.test.ts`), with `toAllow` / `toDeny`. */
  readonly test: string;
  /** The jest setup file that registers the matchers (`netfence.setup.ts`). */
  readonly setup: string;
  /** The GitHub Actions workflow (`.github/workflows/netfence.yml`). */
  readonly workflow: string;
}

/** Where each template lives in the package, relative to its root. */
export const TEMPLATE_FILES: { readonly [K in keyof InitTemplates]: string } = {
  chart: 'examples/init/policies.ts',
  test: 'examples/init/policies.test.ts',
  setup: 'examples/init/netfence.setup.ts',
  workflow: 'examples/ci/netfence.yml',
};

/** Reads the templates from the package root; a missing one means a broken installation. */
export function readInitTemplates(packageRoot: string): InitTemplates {
  const read = (rel: string): string => {
    const file = path.join(packageRoot, rel);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      throw new NetfenceError(`netfence's own ${rel} is missing from ${packageRoot}; reinstall netfence (npm install netfence)`);
    }
  };
  return { chart: read(TEMPLATE_FILES.chart), test: read(TEMPLATE_FILES.test), setup: read(TEMPLATE_FILES.setup), workflow: read(TEMPLATE_FILES.workflow) };
}
