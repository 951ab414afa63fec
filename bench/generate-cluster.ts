import { Prng } from './prng';

/** Sizes of a generated cluster. */
export interface ClusterSize {
  /** Namespaces. */
  readonly namespaces: number;
  /** Pods, spread evenly over the namespaces. */
  readonly pods: number;
  /** NetworkPolicies, spread evenly over the namespaces (up to 5 kinds each, then repeats). */
  readonly policies: number;
}

/** A plain Kubernetes manifest. */
export type Manifest = Record<string, unknown>;

const APPS = ['frontend', 'web', 'api', 'orders', 'payments', 'cart', 'search', 'auth', 'worker', 'cache', 'db', 'mailer'];
const TEAMS = 40;

function nsName(i: number): string {
  return `ns-${i.toString().padStart(5, '0')}`;
}

/**
 * A seeded, realistic cluster as manifests: namespaces labelled by team and environment; pods of
 * a dozen workloads (replicas share labels) with named container ports whose numbers vary
 * between workloads and one pod IP each; and per namespace a default deny, DNS egress, an allow
 * within the namespace on a named port, an allow from another team's frontends, and egress to a
 * CIDR with a carve-out (then more same-namespace allows if more policies are asked for).
 */
export function generateCluster(size: ClusterSize, seed = 1): Manifest[] {
  const rng = new Prng(seed);
  const out: Manifest[] = [];
  const perNsPods = Math.max(1, Math.floor(size.pods / size.namespaces));
  const perNsPolicies = Math.max(1, Math.floor(size.policies / size.namespaces));
  let podIndex = 0;
  for (let n = 0; n < size.namespaces; n++) {
    const ns = nsName(n);
    const team = `team-${rng.int(TEAMS)}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, team, env: rng.pick(['prod', 'staging', 'dev']) } },
    });
    const apps = rng.sample(APPS, 5);
    for (let p = 0; p < perNsPods; p++) {
      const app = apps[p % apps.length];
      const http = rng.next() < 0.8 ? 8080 : 8081;
      const ip = podIndex++;
      out.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${app}-${p}`, namespace: ns, labels: { app, tier: p % 2 === 0 ? 'a' : 'b' } },
        spec: {
          containers: [
            {
              name: app,
              image: `registry.example/${app}:1`,
              ports: [
                { name: 'http', containerPort: http, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
                ...(p % 3 === 0 ? [{ name: 'grpc', containerPort: 9000, protocol: 'TCP' }] : []),
              ],
            },
          ],
        },
        status: { podIP: `10.${64 + ((ip >> 16) & 63)}.${(ip >> 8) & 255}.${ip & 255}` },
      });
    }
    const policies: Manifest[] = [
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          },
        ],
      }),
      policy(ns, `allow-${apps[0]}-to-${apps[1]}`, {
        podSelector: { matchLabels: { app: apps[1] } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: apps[0] } } }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      }),
      policy(ns, 'allow-partner-frontends', {
        podSelector: { matchLabels: { app: apps[2] } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { team: `team-${rng.int(TEAMS)}` } }, podSelector: { matchLabels: { app: 'frontend' } } }],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
      }),
      policy(ns, 'allow-egress', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            // The carve-out lies inside the block, as the API server demands of except.
            to: [{ ipBlock: ((b) => ({ cidr: `172.${b}.0.0/16`, except: [`172.${b}.${rng.int(256)}.0/24`] }))(16 + rng.int(16)) }],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
          { to: [{ namespaceSelector: { matchLabels: { team } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
        ],
      }),
    ];
    for (let k = 0; k < perNsPolicies; k++) {
      if (k < policies.length) out.push(policies[k]);
      else {
        const [from, to] = rng.sample(apps, 2);
        out.push(
          policy(ns, `allow-${from}-to-${to}-${k}`, {
            podSelector: { matchLabels: { app: to } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ podSelector: { matchLabels: { app: from, tier: 'a' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }],
          }),
        );
      }
    }
  }
  return out;
}

/**
 * The guardrails of a platform over a generated cluster, as ClusterNetworkPolicies: the cloud
 * metadata address denied, DNS always allowed, each team isolated from the others (one Admin
 * policy per team, at one priority: their subjects never meet), a sandbox of some namespaces
 * delegated with Pass, and a Baseline default deny of every namespace.
 */
export function generateGuardrails(): Manifest[] {
  const cnp = (name: string, tier: string, priority: number, subject: Manifest, rules: Manifest): Manifest => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier, priority, subject, ...rules },
  });
  const everyNs = { namespaces: {} };
  const out: Manifest[] = [
    cnp('deny-cloud-metadata', 'Admin', 10, everyNs, { egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32', 'fd00:ec2::254/128'] }] }] }),
    cnp('allow-dns', 'Admin', 20, everyNs, {
      egress: [
        {
          action: 'Accept',
          to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }],
          protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }],
        },
      ],
    }),
    cnp('delegate-dev', 'Admin', 50, { namespaces: { matchLabels: { env: 'dev' } } }, { ingress: [{ action: 'Pass', from: [everyNs] }] }),
    cnp('default-deny', 'Baseline', 1000, everyNs, { ingress: [{ action: 'Deny', from: [everyNs] }], egress: [{ action: 'Deny', to: [everyNs, { networks: ['0.0.0.0/0', '::/0'] }] }] }),
  ];
  for (let t = 0; t < TEAMS; t++) {
    const others = { namespaces: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: [`team-${t}`] }] } };
    out.push(cnp(`team-${t}-isolation`, 'Admin', 100, { namespaces: { matchLabels: { team: `team-${t}` } } }, { ingress: [{ action: 'Deny', from: [others] }] }));
  }
  return out;
}

function policy(namespace: string, name: string, spec: Manifest): Manifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}
