/** Plain values: selectors, peers, ports, CIDRs, names, errors and the wire format. No constructs. */
export * from './manifest';
export * from './errors';
export * from './ip';
export * from './names';
export * from './label-selector';
export * from './label-match';
export * from './selector-logic';
export * from './peer';
export * from './pods';
export * from './namespaces';
export * from './cidr';
export * from './anyone';
export * from './any-of';
export * from './peer-factory';
export * from './port';
