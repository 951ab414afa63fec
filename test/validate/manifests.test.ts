import * as path from 'path';
import { loadManifests, parseManifests } from '../../lib/io/manifests';
import { formatManifestFinding, formatObjectReference, validateManifests } from '../../lib/validate';

const fixture = (name: string): string => path.relative(process.cwd(), path.join(__dirname, 'fixtures', name));

describe('validateManifests', () => {
  it('validates every NetworkPolicy of a multi-document file and places each finding', () => {
    const file = fixture('mixed.yaml');
    const report = validateManifests(loadManifests([file]));
    expect(report.checked).toBe(3);
    expect(report.invalid).toBe(2);
    expect(report.skipped).toBe(0);
    expect(report.others).toBe(1); // the Deployment, valid in the fields netfence reads
    expect(report.findings.map(formatManifestFinding)).toEqual([
      `${file}:30:9: NetworkPolicy/dev-team/Broken_Policy metadata.name: invalid name (got "Broken_Policy"); a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `${file}:33:3: NetworkPolicy/dev-team/Broken_Policy spec.podSelecter: unknown field "podSelecter"; did you mean "podSelector"? (a NetworkPolicySpec has podSelector, ingress, egress, policyTypes)`,
      `${file}:41:17: NetworkPolicy/dev-team/Broken_Policy spec.ingress[0].from[0].ipBlock.except[0]: except entry is not a strict subset of cidr (got "10.1.0.0/24"); must be a strict subset of \`cidr\` (10.0.0.0/16): it is not inside 10.0.0.0/16`,
      `${file}:43:17: NetworkPolicy/dev-team/Broken_Policy spec.ingress[0].ports[0].port: invalid port number (got 0); must be between 1 and 65535, inclusive; to allow every port of the protocol, omit port and keep only protocol`,
      `${file}:45:20: NetworkPolicy/dev-team/Broken_Policy spec.ingress[0].ports[1].endPort: endPort with a named port (got 90); may not be specified when \`port\` is non-numeric ("http"); use a port number to give a range`,
      `${file}:46:26: NetworkPolicy/dev-team/Broken_Policy spec.policyTypes[1]: unsupported policy type (got "Sideways"); must be Ingress or Egress`,
      `${file}:48:13: NetworkPolicy/old apiVersion: unsupported apiVersion (got "extensions/v1beta1"); NetworkPolicy is served as networking.k8s.io/v1 (extensions/v1beta1 removed in Kubernetes 1.16)`,
    ]);
  });

  it('keeps the structured location and object of each finding', () => {
    const report = validateManifests(loadManifests([fixture('mixed.yaml')]));
    const f = report.findings[2];
    expect(f.location).toEqual({ file: fixture('mixed.yaml'), line: 41, column: 17 });
    expect(f.object).toEqual({ kind: 'NetworkPolicy', namespace: 'dev-team', name: 'Broken_Policy' });
    expect(f.path).toEqual(['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'except', 0]);
    expect(f.value).toBe('10.1.0.0/24');
  });

  it('reports nothing for valid policies', () => {
    const report = validateManifests(loadManifests([fixture('valid.yaml')]));
    expect(report).toEqual({ findings: [], warnings: [], checked: 2, checkedByKind: { NetworkPolicy: 2 }, others: 0, invalid: 0, skipped: 0 });
  });

  it('places findings inside a List wrapper', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: networking.k8s.io/v1',
      '    kind: NetworkPolicy',
      '    metadata: {name: a}',
      '    spec:',
      '      podSelector: {}',
      '      egress:',
      '        - ports: [{port: 70000}]',
    ].join('\n');
    const report = validateManifests(parseManifests(text, 'list.yaml'));
    expect(report.findings.map(formatManifestFinding)).toEqual([
      'list.yaml:10:26: NetworkPolicy/a spec.egress[0].ports[0].port: invalid port number (got 70000); must be between 1 and 65535, inclusive',
    ]);
  });

  it('sorts each object\'s findings by position, whatever the key order', () => {
    const text = ['kind: NetworkPolicy', 'metadata: {name: "X"}', 'apiVersion: networking.k8s.io/v2', 'spec: {podSelector: {}}'].join('\n');
    const lines = validateManifests(parseManifests(text, 'x.yaml')).findings.map((f) => `${f.location.line}:${f.location.column}`);
    expect(lines).toEqual(['2:18', '3:13']);
  });

  it('skips other kinds and names objects without namespace or name', () => {
    const report = validateManifests(parseManifests('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\nkind: NetworkPolicy\n', 'y.yaml'));
    expect(report.skipped).toBe(1);
    expect(report.findings.map((f) => formatObjectReference(f.object))).toEqual(['NetworkPolicy/<unnamed>', 'NetworkPolicy/<unnamed>']);
  });
});
