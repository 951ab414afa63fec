/** The built-in lint rules, in the order findings of the same position are listed. */
import { LintRule } from '../rule';
import { invalidManifest } from './invalid-manifest';
import { peerSelectorsAnd } from './peer-selectors-and';
import { peerSelectorsOr } from './peer-selectors-or';
import { egressWithoutDns } from './egress-without-dns';
import { policyTypesMismatch } from './policy-types-mismatch';
import { emptyListAllowsAll } from './empty-list-allows-all';
import { ruleAdmitsEveryone } from './rule-admits-everyone';
import { policyInDefaultNamespace } from './policy-in-default-namespace';
import { endPort } from './end-port';
import { namespaceLabelsUnmatched } from './namespace-labels-unmatched';
import { namedPortNotExposed } from './named-port-not-exposed';
import { policySelectsNoPod } from './policy-selects-no-pod';
import { peerMatchesNothing } from './peer-matches-nothing';
import { podNotIsolated } from './pod-not-isolated';
import { shadowedRule } from './shadowed-rule';
import { ipBlockCoversPods } from './ipblock-covers-pods';
import { servicePortNotContainerPort } from './service-port-not-container-port';
import { apiServerEgress } from './api-server-egress';
import { clusterPriorityConflict } from './cluster-priority-conflict';
import { baselinePass } from './baseline-pass';
import { clusterRuleShadowed } from './cluster-rule-shadowed';
import { adminDenyOverridesAllow } from './admin-deny-overrides-allow';
import { baselineAcceptMootsDeny } from './baseline-accept-moots-deny';
import { clusterExperimentalPeer } from './cluster-experimental-peer';
import { domainNamesMisuse } from './domain-names-misuse';

/** Every built-in rule; ids are stable and unique. */
export const LINT_RULES: readonly LintRule[] = [
  invalidManifest,
  peerSelectorsAnd,
  peerSelectorsOr,
  egressWithoutDns,
  policyTypesMismatch,
  emptyListAllowsAll,
  ruleAdmitsEveryone,
  namespaceLabelsUnmatched,
  namedPortNotExposed,
  servicePortNotContainerPort,
  policySelectsNoPod,
  peerMatchesNothing,
  shadowedRule,
  ipBlockCoversPods,
  apiServerEgress,
  policyInDefaultNamespace,
  endPort,
  podNotIsolated,
  clusterPriorityConflict,
  baselinePass,
  clusterRuleShadowed,
  adminDenyOverridesAllow,
  baselineAcceptMootsDeny,
  domainNamesMisuse,
  clusterExperimentalPeer,
];
