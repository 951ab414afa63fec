import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder of netfence's package.json above this file: the repository when running from source
 * or from build/, the installed package under node_modules otherwise.
 */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === 'netfence') return dir;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
