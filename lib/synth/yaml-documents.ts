import { Yaml } from 'cdk8s';

// Spreading tens of thousands of documents into one call overflows the stack; cdk8s joins
// documents with '---\n', so joining the chunks the same way gives the same text.
const CHUNK = 4096;

/** cdk8s's `Yaml.stringify(...docs)`, for any number of documents. */
export function stringifyDocuments(docs: readonly unknown[]): string {
  if (docs.length <= CHUNK) return Yaml.stringify(...docs);
  const parts: string[] = [];
  for (let i = 0; i < docs.length; i += CHUNK) parts.push(Yaml.stringify(...docs.slice(i, i + CHUNK)));
  return parts.join('---\n');
}
