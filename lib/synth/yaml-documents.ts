import { stringifyDocument } from './fast-yaml';

/** cdk8s's `Yaml.stringify(...docs)`, byte for byte, for any number of documents. */
export function stringifyDocuments(docs: readonly unknown[]): string {
  return docs.map(stringifyDocument).join('---\n');
}
