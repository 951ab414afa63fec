/**
 * netfence: Kubernetes NetworkPolicy as typed cdk8s constructs, with an engine that proves them.
 *
 * This is the public surface, listed name by name: what the README, docs/ and the examples use,
 * and what a construct-library author needs to write peers and constructs of their own. Anything
 * else under lib/ is internal and may change in any release; test/package/public-api.test.ts
 * fails on a name added here without review.
 *
 * @packageDocumentation
 */

// Values: peers, ports, selectors.
export { Pods, Namespaces, Cidr, Internet, Peer, Port, Protocol, LabelSelector, LabelRequirement, NAMESPACE_NAME_LABEL, NetfenceError } from './core';
export { ClusterTier, ClusterAction, ClusterRule, DomainNames, Nodes } from './core';
export type {
  AnyOf,
  Anyone,
  IPeer,
  PeerKind,
  PeerContext,
  SelectablePods,
  LabelledPods,
  PodPlacement,
  PodsSource,
  WorkloadConstruct,
  WorkloadNode,
  Labels,
  SourceLocation,
  ClusterPeer,
  ClusterSubject,
  ProtocolName,
  LabelSelectorOperator,
  LabelSelectorManifest,
  LabelSelectorRequirementManifest,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicyPortManifest,
  ClusterNetworkPolicyManifest,
  ClusterNetworkPolicyIngressRuleManifest,
  ClusterNetworkPolicyEgressRuleManifest,
  RenderedClusterRule,
  CidrBlock,
  ClusterActionName,
  ClusterNetworkPolicyProtocolManifest,
  ClusterNetworkPolicyEgressPeerManifest,
  ClusterNetworkPolicyIngressPeerManifest,
  ObjectMetaManifest,
  ClusterNetworkPolicySpecManifest,
  NetworkPolicySpecManifest,
  IpBlockManifest,
  IpAddress,
  IpFamily,
  NamespacedPodManifest,
  ClusterNetworkPolicySubjectManifest,
  ClusterTierName,
  NetworkPolicyEgressRuleManifest,
  NetworkPolicyIngressRuleManifest,
  PolicyTypeName,
  ClusterNetworkPolicyPortManifest,
} from './core';

// Constructs: the NetworkPolicy L2, the intents, the cluster-scoped guardrails.
export { NetworkPolicy, PolicyType, Side, Allow, AllowFrom, DenyAll, DenyDirection, AllowDns, NamespaceIsolation } from './constructs';
export { AllowWithinNamespace, AllowIngressController, AllowPrometheusScrape } from './constructs';
export { ClusterNetworkPolicy, BaselineDefaultDeny, TenantIsolation, AlwaysAllow, AlwaysAllowDns, AlwaysAllowMonitoring } from './constructs';
export { DenyEgressTo, DenyCloudMetadata, DelegateToNamespaces, ClusterHolds } from './constructs';

// Provenance: where each synthesized object was written (opt-in, see docs/cli.md).
export { recordProvenance } from './constructs';
export type { StopRecording } from './constructs';
export { SOURCE_ANNOTATION, CONSTRUCT_PATH_ANNOTATION } from './io/provenance';
export type {
  NetworkPolicyProps,
  NetworkPolicyRule,
  AllowProps,
  AllowFromBuilder,
  DenyAllProps,
  AllowDnsProps,
  NamespaceIsolationProps,
  AllowWithinNamespaceProps,
  AllowIngressControllerProps,
  AllowPrometheusScrapeProps,
  ClusterNetworkPolicyProps,
  BaselineDefaultDenyProps,
  TenantIsolationProps,
  AlwaysAllowProps,
  AlwaysAllowDnsProps,
  AlwaysAllowMonitoringProps,
  DenyEgressToProps,
  DenyCloudMetadataProps,
  DelegateToNamespacesProps,
  ClusterHoldsProps,
} from './constructs';

// Synthesis.
export { synth, synthesize, synthesizeToMemory, NetfenceApp, ValidationFailedError } from './synth';
export type { SynthesizeOptions, SynthesisResult } from './synth';

// Reading manifests and validating them as the API server does.
export { loadManifests, parseManifests } from './io/manifests';
export type { LoadedManifest, LoadOptions, FieldPath } from './io/manifests';
export {
  validateManifests,
  validateObject,
  checkObjectKind,
  validateEndpointObject,
  validateNetworkPolicy,
  validateNetworkPolicySpec,
  validateNetworkPolicyPeer,
  validateNetworkPolicyPort,
  validateIpBlock,
  validateObjectMeta,
  validatePolicyTypes,
  validateLabelSelector,
  validateLabels,
  validateClusterNetworkPolicy,
  validateAdminNetworkPolicy,
  validateBaselineAdminNetworkPolicy,
  formatFinding,
  formatManifestFinding,
  isDns1123Label,
  isDns1123Subdomain,
  isValidNetworkPolicyName,
  isValidNamespaceName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortNum,
  isValidPortName,
  isValidCidr,
  checkCidr,
} from './validate';
export type {
  ValidationFinding,
  ValidateNetworkPolicyOptions,
  ManifestValidationOptions,
  ManifestValidationReport,
  ManifestFinding,
  ObjectValidation,
  ObjectKindCheck,
  CidrCheck,
  HostBitsSeverity,
  WrittenText,
  ClusterPolicyValidationOptions,
  CrdChannel,
  ObjectReference,
  ObjectRole,
} from './validate';

// Analysis: inventories, the engine's verdicts, reports, matrices.
export {
  readInputs,
  inventoryFromManifests,
  inventoryFromObjects,
  InventoryBuilder,
  InvalidInputError,
  evaluateFlow,
  evaluateEnds,
  hypotheticalPod,
  formatVerdict,
  formatFlowReport,
  flowReportJson,
  computeMatrix,
  summarizeMatrix,
} from './analysis';
export type {
  Inventory,
  NamespaceRecord,
  PodRecord,
  Policy,
  PodSpecInput,
  PodEndpoint,
  PortProtocol,
  ReadOptions,
  InputRead,
  InputWarning,
  SourcedObject,
  EngineOptions,
  FlowQuery,
  Verdict,
  PortQuery,
  FlowReport,
  FlowRun,
  FlowReportFormat,
  ResolvedEnd,
  ClassMatrix,
  MatrixOptions,
  PortSummary,
  MatrixColumn,
  Endpoint,
  EndMember,
  PortInterval,
  InputObject,
  RejectedObject,
  ContainerPort,
  SourceInput,
  PolicyRule,
  PolicyKind,
  PolicySubject,
  PolicyTier,
  DirectionVerdict,
  ExternalEndpoint,
  NamespaceObject,
  PodObject,
  PolicyObject,
  ServiceObject,
  RuleMatch,
  Direction,
  RuleAction,
  ClusterOnlyPeer,
  PolicyPeer,
  PolicyPort,
  PodsPeer,
  NamespacedPolicy,
  IpBlockPeer,
  NodesPeer,
  DomainNamesPeer,
  NodeObject,
  ClusterPolicyObject,
  RuleDecision,
  DecidingTier,
  Outcome,
  NodeRecord,
  NodeSpecInput,
  ClusterPolicyTier,
} from './analysis';

// Lint.
export { lintManifests, formatLintReport, LINT_RULES } from './lint';
export type { LintRule, LintOptions, LintReport, LintFormat, Severity, LintFinding, LintRuleStatus, LintRequirement, LintIssue, LintContext, LintPolicy, ServiceRecord, LintObject, ServicePortRecord, LintClusterPolicy } from './lint';

// Testing: the jest matchers and the report behind them (also under `netfence/testing`).
export { netfenceMatchers, connectivity } from './testing';
export type { FlowEnd, PortSpec, AnalysisSubject, ConnectivityReport, ConnectivityOptions, MatcherResult } from './testing';
