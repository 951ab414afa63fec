/**
 * TestValidateNetworkPolicy from kubernetes pkg/apis/networking/validation/validation_test.go,
 * translated case by case into wire-format objects. Upstream's helpers are mirrored: a valid base
 * policy (`foo` in `bar`, podSelector a=b) and tweaks that add rules, peers and ports. Upstream's
 * `makePort` drops a zero port and a zero endPort, so those appear here as absent fields.
 */
import { formatFieldPath } from '../../lib/io/manifests';
import { validateNetworkPolicy } from '../../lib/validate';

type Obj = Record<string, unknown>;
type Tweak = (np: Obj) => void;

function makeValid(): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'foo', namespace: 'bar' },
    spec: { podSelector: { matchLabels: { a: 'b' } } },
  };
}
function custom(...tweaks: Tweak[]): Obj {
  const np = makeValid();
  for (const t of tweaks) t(np);
  return np;
}
const spec = (np: Obj): Obj => np.spec as Obj;
const rules = (np: Obj, dir: 'ingress' | 'egress'): Obj[] => {
  const s = spec(np);
  if (!Array.isArray(s[dir])) s[dir] = [{}];
  return s[dir] as Obj[];
};
const peers = (np: Obj, dir: 'ingress' | 'egress'): Obj[] => {
  const rule = rules(np, dir)[0];
  const key = dir === 'ingress' ? 'from' : 'to';
  if (!Array.isArray(rule[key])) rule[key] = [{}];
  return rule[key] as Obj[];
};
function makePort(protocol: string | undefined, port: number | string, endPort: number): Obj {
  const r: Obj = {};
  if (protocol !== undefined) r.protocol = protocol;
  if (port !== 0 && port !== '' && port !== '0') r.port = port;
  if (endPort !== 0) r.endPort = endPort;
  return r;
}

const setIngressEmptyFirstElement: Tweak = (np) => {
  spec(np).ingress = [{}];
};
const setIngressFromEmptyFirstElement: Tweak = (np) => {
  rules(np, 'ingress')[0].from = [{}];
};
const setIngressEmptyPorts: Tweak = (np) => {
  spec(np).ingress = [{ ports: [{}] }];
};
const setIngressPorts =
  (...ports: Obj[]): Tweak =>
  (np) => {
    rules(np, 'ingress')[0].ports = ports;
  };
const setIngressFromPodSelector =
  (k: string, v: string): Tweak =>
  (np) => {
    peers(np, 'ingress')[0].podSelector = { matchLabels: { [k]: v } };
  };
const setIngressFromNamespaceSelector: Tweak = (np) => {
  peers(np, 'ingress')[0].namespaceSelector = { matchLabels: { c: 'd' } };
};
const setIngressFromIPBlockIPV4: Tweak = (np) => {
  peers(np, 'ingress')[0].ipBlock = { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] };
};
const setIngressFromIPBlockIPV6: Tweak = (np) => {
  peers(np, 'ingress')[0].ipBlock = { cidr: 'fd00:192:168::/48', except: ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'] };
};
const setEgressToEmptyFirstElement: Tweak = (np) => {
  rules(np, 'egress')[0].to = [{}];
};
const setEgressToNamespaceSelector: Tweak = (np) => {
  peers(np, 'egress')[0].namespaceSelector = { matchLabels: { c: 'd' } };
};
const setEgressToPodSelector: Tweak = (np) => {
  peers(np, 'egress')[0].podSelector = { matchLabels: { c: 'd' } };
};
const setEgressToIPBlockIPV4: Tweak = (np) => {
  peers(np, 'egress')[0].ipBlock = { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] };
};
const setEgressToIPBlockIPV6: Tweak = (np) => {
  peers(np, 'egress')[0].ipBlock = { cidr: 'fd00:192:168::/48', except: ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'] };
};
const setEgressPorts =
  (...ports: Obj[]): Tweak =>
  (np) => {
    rules(np, 'egress')[0].ports = ports;
  };
const setPolicyTypesEgress: Tweak = (np) => {
  spec(np).policyTypes = ['Egress'];
};
const setPolicyTypesIngressEgress: Tweak = (np) => {
  spec(np).policyTypes = ['Ingress', 'Egress'];
};

const invalidSelector = { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' };

const successCases: [string, Obj][] = [
  ['empty ingress rule', custom(setIngressEmptyFirstElement)],
  ['empty from peer list and empty port', custom(setIngressFromEmptyFirstElement, setIngressEmptyPorts)],
  [
    'ingress ports of every kind',
    custom(
      setIngressPorts(
        makePort(undefined, 80, 0),
        makePort('TCP', 0, 0),
        makePort('TCP', 443, 0),
        makePort('UDP', 'dns', 0),
        makePort('SCTP', 7777, 0),
      ),
    ),
  ],
  ['ingress from podSelector', custom(setIngressFromPodSelector('c', 'd'))],
  ['ingress from namespaceSelector', custom(setIngressFromNamespaceSelector)],
  ['ingress from podSelector AND namespaceSelector', custom(setIngressFromPodSelector('e', 'f'), setIngressFromNamespaceSelector)],
  ['egress to namespace, ingress from IPv4 block', custom(setEgressToNamespaceSelector, setIngressFromIPBlockIPV4)],
  ['ingress from IPv4 block', custom(setIngressFromIPBlockIPV4)],
  ['egress to IPv4 block, policyTypes Egress', custom(setEgressToIPBlockIPV4, setPolicyTypesEgress)],
  ['egress to IPv4 block, policyTypes Ingress and Egress', custom(setEgressToIPBlockIPV4, setPolicyTypesIngressEgress)],
  [
    'egress ports of every kind',
    custom(
      setEgressPorts(
        makePort(undefined, 80, 0),
        makePort('TCP', 0, 0),
        makePort('TCP', 443, 0),
        makePort('UDP', 'dns', 0),
        makePort('SCTP', 7777, 0),
      ),
    ),
  ],
  ['egress to namespace, ingress from IPv6 block', custom(setEgressToNamespaceSelector, setIngressFromIPBlockIPV6)],
  ['ingress from IPv6 block', custom(setIngressFromIPBlockIPV6)],
  ['egress to IPv6 block, policyTypes Egress', custom(setEgressToIPBlockIPV6, setPolicyTypesEgress)],
  ['egress to IPv6 block, policyTypes Ingress and Egress', custom(setEgressToIPBlockIPV6, setPolicyTypesIngressEgress)],
  ['egress port range and named port', custom(setEgressPorts(makePort(undefined, 32000, 32768), makePort('UDP', 'dns', 0)))],
  [
    'port ranges on both sides, including a one-port range',
    custom(
      setEgressToNamespaceSelector,
      setEgressPorts(makePort(undefined, 30000, 32768), makePort(undefined, 32000, 32768)),
      setIngressFromPodSelector('e', 'f'),
      setIngressPorts(makePort('TCP', 32768, 32768)),
    ),
  ],
];

/** Each upstream error case, with the fields netfence reports for it. */
const errorCases: [string, Obj, string[]][] = [
  ['namespaceSelector and ipBlock', custom(setIngressFromNamespaceSelector, setIngressFromIPBlockIPV4), ['spec.ingress[0].from[0]']],
  ['podSelector and ipBlock', custom(setEgressToPodSelector, setEgressToIPBlockIPV4), ['spec.egress[0].to[0]']],
  ['missing from and to type', custom(setIngressFromEmptyFirstElement, setEgressToEmptyFirstElement), ['spec.ingress[0].from[0]', 'spec.egress[0].to[0]']],
  [
    'invalid spec.podSelector',
    custom(setIngressFromNamespaceSelector, (np) => {
      np.spec = { podSelector: { matchLabels: invalidSelector } };
    }),
    ['spec.podSelector.matchLabels.NoUppercaseOrSpecialCharsLike=Equals'],
  ],
  ['invalid ingress.ports.protocol', custom(setIngressPorts(makePort('ICMP', 80, 0))), ['spec.ingress[0].ports[0].protocol']],
  ['invalid ingress.ports.port (int)', custom(setIngressPorts(makePort('TCP', 123456789, 0))), ['spec.ingress[0].ports[0].port']],
  ['invalid ingress.ports.port (str)', custom(setIngressPorts(makePort('TCP', '!@#$', 0))), ['spec.ingress[0].ports[0].port']],
  [
    'invalid ingress.from.podSelector',
    custom(setIngressFromEmptyFirstElement, (np) => {
      peers(np, 'ingress')[0].podSelector = { matchLabels: invalidSelector };
    }),
    ['spec.ingress[0].from[0].podSelector.matchLabels.NoUppercaseOrSpecialCharsLike=Equals'],
  ],
  [
    'invalid egress.to.podSelector',
    custom(setEgressToEmptyFirstElement, (np) => {
      peers(np, 'egress')[0].podSelector = { matchLabels: invalidSelector };
    }),
    ['spec.egress[0].to[0].podSelector.matchLabels.NoUppercaseOrSpecialCharsLike=Equals'],
  ],
  ['invalid egress.ports.protocol', custom(setEgressPorts(makePort('ICMP', 80, 0))), ['spec.egress[0].ports[0].protocol']],
  ['invalid egress.ports.port (int)', custom(setEgressPorts(makePort('TCP', 123456789, 0))), ['spec.egress[0].ports[0].port']],
  ['invalid egress.ports.port (str)', custom(setEgressPorts(makePort('TCP', '!@#$', 0))), ['spec.egress[0].ports[0].port']],
  [
    'invalid ingress.from.namespaceSelector',
    custom(setIngressFromEmptyFirstElement, (np) => {
      peers(np, 'ingress')[0].namespaceSelector = { matchLabels: invalidSelector };
    }),
    ['spec.ingress[0].from[0].namespaceSelector.matchLabels.NoUppercaseOrSpecialCharsLike=Equals'],
  ],
  [
    'missing cidr field',
    custom(setIngressFromIPBlockIPV4, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).cidr = '';
    }),
    ['spec.ingress[0].from[0].ipBlock.cidr'],
  ],
  [
    'invalid cidr format',
    custom(setIngressFromIPBlockIPV4, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).cidr = '192.168.5.6';
    }),
    ['spec.ingress[0].from[0].ipBlock.cidr'],
  ],
  [
    'invalid ipv6 cidr format',
    custom(setIngressFromIPBlockIPV6, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).cidr = 'fd00:192:168::';
    }),
    ['spec.ingress[0].from[0].ipBlock.cidr'],
  ],
  [
    'except field is an empty string',
    custom(setIngressFromIPBlockIPV4, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).except = [''];
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'except field is an space string',
    custom(setIngressFromIPBlockIPV4, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).except = [' '];
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'except field is an invalid ip',
    custom(setIngressFromIPBlockIPV4, (np) => {
      (peers(np, 'ingress')[0].ipBlock as Obj).except = ['300.300.300.300'];
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'except IP is outside of CIDR range',
    custom(setIngressFromEmptyFirstElement, (np) => {
      peers(np, 'ingress')[0].ipBlock = { cidr: '192.168.8.0/24', except: ['192.168.9.1/32'] };
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'except IP is not strictly within CIDR range',
    custom(setIngressFromEmptyFirstElement, (np) => {
      peers(np, 'ingress')[0].ipBlock = { cidr: '192.168.0.0/24', except: ['192.168.0.0/24'] };
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'except IPv6 is outside of CIDR range',
    custom(setIngressFromEmptyFirstElement, (np) => {
      peers(np, 'ingress')[0].ipBlock = { cidr: 'fd00:192:168:1::/64', except: ['fd00:192:168:2::/64'] };
    }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
  ],
  [
    'invalid policyTypes',
    custom(setEgressToIPBlockIPV4, (np) => {
      spec(np).policyTypes = ['foo', 'bar'];
    }),
    ['spec.policyTypes[0]', 'spec.policyTypes[1]'],
  ],
  [
    'too many policyTypes',
    custom(setEgressToIPBlockIPV4, (np) => {
      spec(np).policyTypes = ['foo', 'bar', 'baz'];
    }),
    ['spec.policyTypes'],
  ],
  [
    'multiple ports defined, one port range is invalid',
    custom(setEgressToNamespaceSelector, setEgressPorts(makePort('UDP', 35000, 32768), makePort(undefined, 32000, 32768))),
    ['spec.egress[0].ports[0].endPort'],
  ],
  [
    'endPort defined with named/string port',
    custom(setEgressToNamespaceSelector, setEgressPorts(makePort('UDP', 'dns', 32768), makePort(undefined, 32000, 32768))),
    ['spec.egress[0].ports[0].endPort'],
  ],
  ['endPort defined without port defined', custom(setEgressToNamespaceSelector, setEgressPorts(makePort('TCP', 0, 32768))), ['spec.egress[0].ports[0].endPort']],
  ['port is greater than endPort', custom(setEgressToNamespaceSelector, setEgressPorts(makePort('SCTP', 35000, 32768))), ['spec.egress[0].ports[0].endPort']],
  [
    'multiple invalid port ranges defined',
    custom(setEgressToNamespaceSelector, setEgressPorts(makePort('UDP', 35000, 32768), makePort('TCP', 0, 32768), makePort('TCP', 'https', 32768))),
    ['spec.egress[0].ports[0].endPort', 'spec.egress[0].ports[1].endPort', 'spec.egress[0].ports[2].endPort'],
  ],
  ['invalid endport range defined', custom(setEgressToNamespaceSelector, setEgressPorts(makePort('TCP', 30000, 65537))), ['spec.egress[0].ports[0].endPort']],
];

describe('upstream TestValidateNetworkPolicy', () => {
  it.each(successCases)('accepts: %s', (_name, np) => {
    expect(validateNetworkPolicy(np)).toEqual([]);
  });
  it.each(errorCases)('rejects: %s', (_name, np, fields) => {
    const found = validateNetworkPolicy(np);
    expect(found.length).toBeGreaterThan(0);
    expect([...new Set(found.map((f) => formatFieldPath(f.path)))]).toEqual(fields);
  });
  it('covers every upstream case', () => {
    expect(successCases).toHaveLength(17);
    expect(errorCases).toHaveLength(30);
  });
});
