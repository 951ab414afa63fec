/** cdk8s constructs: the NetworkPolicy L2 and the intents built on it. */
export * from './policy-type';
export * from './side';
export * from './network-policy';
export * from './isolation-index';
export * from './side-scopes';
export * from './intent-resolver';
export * from './allow';
export * from './deny-all';
export * from './allow-dns';
export * from './namespace-isolation';
export * from './allow-within-namespace';
export * from './allow-ingress-controller';
export * from './allow-prometheus-scrape';
