import fc from 'fast-check';
import { cidrContains, formatIp, parseCidr, parseIp } from '../../lib/core/ip';
import { InventoryBuilder } from '../../lib/analysis/inventory';
import { addressRegions, OUTSIDE_EVERY_BLOCK } from '../../lib/analysis/address-regions';
import { complementIntervals, formatPortInterval, formatPortList, formatPortSet, mergeIntervals, portPartition } from '../../lib/analysis/port-partition';

function egressTo(cidrs: { cidr: string; except?: string[] }[]): InventoryBuilder {
  return new InventoryBuilder().policy({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'x' },
    spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: cidrs.map((c) => ({ ipBlock: c })) }] },
  });
}

describe('portPartition', () => {
  it('cuts at every port, range end and resolved named port; untouched protocols stay whole', () => {
    const inv = new InventoryBuilder()
      .pod('x/web', { labels: { app: 'web' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'other', port: 7000, protocol: 'TCP' }] })
      .policy({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'x' },
        spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }, { port: 8000, endPort: 8999 }, { port: 'http' }, { port: 65535, protocol: 'SCTP' }] }] },
      })
      .build();
    expect(portPartition([inv]).map(formatPortInterval)).toEqual([
      '1-79/TCP', '80/TCP', '81-7999/TCP', '8000-8079/TCP', '8080/TCP', '8081-8999/TCP', '9000-65535/TCP',
      '1-65535/UDP',
      '1-65534/SCTP', '65535/SCTP',
    ]);
    expect(portPartition([inv], ['UDP']).map(formatPortInterval)).toEqual(['1-65535/UDP']);
  });

  it('formats sets of ports for labels', () => {
    const all = portPartition([]);
    expect(formatPortSet(all)).toBe('all ports');
    expect(formatPortSet(all.filter((i) => i.protocol === 'TCP'))).toBe('all TCP');
    expect(formatPortSet([{ protocol: 'TCP', from: 80, to: 80 }, { protocol: 'TCP', from: 81, to: 90 }, { protocol: 'UDP', from: 53, to: 53 }])).toBe('TCP 80-90; UDP 53');
    expect(mergeIntervals([{ protocol: 'TCP', from: 1, to: 5 }, { protocol: 'UDP', from: 6, to: 7 }])).toHaveLength(2);
    // Whichever is shorter: the ports, or everything but the missing ones.
    const allBut5432 = all.flatMap((i) => (i.protocol === 'TCP' ? [{ ...i, to: 5431 }, { ...i, from: 5433 }] : [i]));
    expect(formatPortSet(allBut5432)).toBe('all ports except TCP 5432');
    expect(formatPortList(allBut5432)).toBe('all ports except 5432/TCP');
    expect(formatPortList([{ protocol: 'TCP', from: 80, to: 80 }, { protocol: 'UDP', from: 1, to: 65535 }])).toBe('80/TCP, 1-65535/UDP');
    expect(formatPortList(all)).toBe('all ports');
    expect(complementIntervals([{ protocol: 'UDP', from: 1, to: 52 }, { protocol: 'UDP', from: 54, to: 65535 }]).map(formatPortInterval)).toEqual(['1-65535/TCP', '53/UDP', '1-65535/SCTP']);
  });
});

describe('addressRegions', () => {
  it('one readable address per region, the region in words, and the outside of every block', () => {
    const inv = egressTo([{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }, { cidr: '10.1.0.0/16' }]).build();
    expect(addressRegions([inv])).toEqual([
      { address: '203.0.113.10', description: '0.0.0.0/0 except 10.0.0.0/8', block: '0.0.0.0/0' },
      { address: '10.0.0.1', description: '10.0.0.0/8 except 10.1.0.0/16', block: '10.0.0.0/8' },
      { address: '10.1.0.1', description: '10.1.0.0/16', block: '10.1.0.0/16' },
      // All of IPv4 is in some block; the outside is found in IPv6.
      { address: '2001:db8::10', description: OUTSIDE_EVERY_BLOCK },
    ]);
  });

  it('never picks a pod IP, and drops a region that pods fill entirely', () => {
    const inv = egressTo([{ cidr: '10.0.0.0/30' }, { cidr: '192.168.1.7/32' }])
      .pod('x/a', { ips: ['10.0.0.1'] })
      .pod('x/b', { ips: ['192.168.1.7'] })
      .build();
    expect(addressRegions([inv]).map((r) => r.address)).toEqual(['10.0.0.2', '203.0.113.10']);
  });

  it('with no ipBlock at all, one address stands for everything outside', () => {
    expect(addressRegions([new InventoryBuilder().build()])).toEqual([{ address: '203.0.113.10', description: OUTSIDE_EVERY_BLOCK }]);
  });

  it('every address outside the pods is in the same blocks as one representative (property)', () => {
    const cidrArb = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 24 }))
      .map(([a, b, p]) => `${a & 0xc0}.${b & 0x0f}.0.0/${p}`);
    const addrArb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b, c]) => `${a & 0xc0}.${b & 0x0f}.${c & 3}.${c}`);
    fc.assert(
      fc.property(fc.array(cidrArb, { minLength: 1, maxLength: 6 }), fc.array(addrArb, { maxLength: 3 }), fc.array(addrArb, { maxLength: 20 }), (cidrs, podIps, probes) => {
        const b = egressTo(cidrs.map((c) => ({ cidr: c })));
        podIps.forEach((ip, i) => b.pod(`x/p${i}`, { ips: [ip] }));
        const inv = b.build();
        const blocks = cidrs.map((c) => parseCidr(c)!);
        const signature = (ip: string): string => blocks.map((bl) => (cidrContains(bl, parseIp(ip)!) ? '1' : '0')).join('');
        const reps = addressRegions([inv]).map((r) => r.address);
        const podSet = new Set(podIps.map((p) => formatIp(parseIp(p)!)));
        for (const r of reps) expect(podSet.has(r)).toBe(false);
        const repSignatures = new Set(reps.map(signature));
        for (const probe of probes) if (!podSet.has(probe)) expect(repSignatures.has(signature(probe))).toBe(true);
        // And no two representatives stand for the same region.
        expect(repSignatures.size).toBe(reps.length);
      }),
      { numRuns: 300 },
    );
  });
});
