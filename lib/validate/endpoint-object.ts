/**
 * The fields netfence reads from Namespaces, Nodes, Pods and workloads, checked as the API server
 * checks them: names, namespaces, labels, the pod template, container ports, pod IPs,
 * `hostNetwork` and `nodeName`, and a node's `status.addresses`. The rest of those objects is the
 * API server's business, not the analysis's, and is not checked here.
 */
import { WORKLOAD_TEMPLATE_PATHS } from '../core/kinds';
import { parseIp } from '../core/ip';
import { isProtocolName, PROTOCOL_NAMES } from '../core/manifest';
import { appendAll, isRecord, listOrEmpty  } from '../core/values';
import { FieldPath } from '../io/manifests';
import { isDns1123Subdomain, isValidNamespaceName } from './dns';
import { finding, ValidationFinding } from './finding';
import { isValidPortName, isValidPortNum } from './ports';
import { checkStructure, FieldSchema } from './schema';
import { validateLabels } from './selector';

const LABELS: FieldSchema = { kind: 'map', values: { kind: 'string' } };

const CONTAINER_PORT: FieldSchema = {
  kind: 'object',
  name: 'ContainerPort',
  fields: { name: { kind: 'string' }, hostPort: { kind: 'int32' }, containerPort: { kind: 'int32' }, protocol: { kind: 'string' }, hostIP: { kind: 'string' } },
};

/** Checks a label map: a mapping of valid keys to valid values (null reads as ""). */
export function validateLabelMap(labels: unknown, path: FieldPath): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  checkStructure(labels, LABELS, path, out);
  appendAll(out, validateLabels(labels, path));
  return out;
}

function validateMetadata(meta: unknown, kind: string): ValidationFinding[] {
  const path = ['metadata'];
  if (meta === undefined || meta === null) return [finding(path, 'missing metadata', undefined, `a ${kind} needs metadata.name`)];
  if (!isRecord(meta)) return [finding(path, 'wrong type', meta, 'must be a mapping (an ObjectMeta)')];
  const out: ValidationFinding[] = [];
  const { name, namespace } = meta;
  if (name === undefined || name === null || name === '') {
    out.push(finding([...path, 'name'], 'missing name', name === '' ? '' : undefined, `a ${kind} needs a name (netfence, like kubectl apply, names pods by it)`));
  } else if (typeof name !== 'string') {
    out.push(finding([...path, 'name'], 'wrong type', name, 'must be a string'));
  } else {
    const errs = kind === 'Namespace' ? isValidNamespaceName(name) : isDns1123Subdomain(name);
    for (const m of errs) out.push(finding([...path, 'name'], 'invalid name', name, m));
  }
  if (kind !== 'Namespace' && kind !== 'Node' && namespace !== undefined && namespace !== null && namespace !== '') {
    if (typeof namespace !== 'string') out.push(finding([...path, 'namespace'], 'wrong type', namespace, 'must be a string'));
    else for (const m of isValidNamespaceName(namespace)) out.push(finding([...path, 'namespace'], 'invalid namespace', namespace, m));
  }
  appendAll(out, validateLabelMap(meta.labels, [...path, 'labels']));
  return out;
}

function validateContainerPorts(podSpec: unknown, path: FieldPath): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  if (podSpec === undefined || podSpec === null) return out;
  if (!isRecord(podSpec)) return [finding(path, 'wrong type', podSpec, 'must be a mapping (a PodSpec)')];
  const containers = podSpec.containers;
  if (containers !== undefined && containers !== null && !Array.isArray(containers)) {
    return [finding([...path, 'containers'], 'wrong type', containers, 'must be a list')];
  }
  listOrEmpty(containers).forEach((c, ci) => {
    const cPath = [...path, 'containers', ci];
    if (!isRecord(c)) {
      out.push(finding(cPath, 'wrong type', c, 'must be a mapping (a Container)'));
      return;
    }
    if (c.ports !== undefined && c.ports !== null && !Array.isArray(c.ports)) {
      out.push(finding([...cPath, 'ports'], 'wrong type', c.ports, 'must be a list'));
      return;
    }
    listOrEmpty(c.ports).forEach((p, pi) => {
      const pPath = [...cPath, 'ports', pi];
      const before = out.length;
      checkStructure(p, CONTAINER_PORT, pPath, out);
      if (out.length > before || !isRecord(p)) {
        if (p === null) out.push(finding([...pPath, 'containerPort'], 'missing containerPort', undefined, 'a container port needs containerPort (1-65535)'));
        return;
      }
      if (p.containerPort === undefined || p.containerPort === null) {
        out.push(finding([...pPath, 'containerPort'], 'missing containerPort', undefined, 'a container port needs containerPort (1-65535)'));
      } else if (typeof p.containerPort === 'number') {
        for (const m of isValidPortNum(p.containerPort)) out.push(finding([...pPath, 'containerPort'], 'invalid port number', p.containerPort, m));
      }
      if (typeof p.protocol === 'string' && !isProtocolName(p.protocol)) {
        out.push(finding([...pPath, 'protocol'], 'unsupported protocol', p.protocol, `must be one of ${PROTOCOL_NAMES.join(', ')}`));
      }
      if (typeof p.name === 'string' && p.name !== '') {
        for (const m of isValidPortName(p.name)) out.push(finding([...pPath, 'name'], 'invalid port name', p.name, m));
      }
    });
  });
  return out;
}

/** `hostNetwork` (a boolean) and, for a Pod, `nodeName` (a node's name) of a PodSpec. */
function validateHostFields(podSpec: unknown, path: FieldPath, withNodeName: boolean): ValidationFinding[] {
  if (!isRecord(podSpec)) return [];
  const out: ValidationFinding[] = [];
  const { hostNetwork, nodeName } = podSpec;
  if (hostNetwork !== undefined && hostNetwork !== null && typeof hostNetwork !== 'boolean') {
    out.push(finding([...path, 'hostNetwork'], 'wrong type', hostNetwork, 'must be true or false'));
  }
  if (withNodeName && nodeName !== undefined && nodeName !== null && nodeName !== '') {
    if (typeof nodeName !== 'string') out.push(finding([...path, 'nodeName'], 'wrong type', nodeName, 'must be a string'));
    else for (const m of isDns1123Subdomain(nodeName)) out.push(finding([...path, 'nodeName'], 'invalid node name', nodeName, m));
  }
  return out;
}

/** The address types whose value is an IP address, which `nodes` peers match. */
export const NODE_IP_ADDRESS_TYPES: readonly string[] = ['InternalIP', 'ExternalIP'];

const NODE_ADDRESS: FieldSchema = { kind: 'object', name: 'NodeAddress', fields: { type: { kind: 'string' }, address: { kind: 'string' } } };

/**
 * A node's `status.addresses`: entries `{type, address}`. An InternalIP or ExternalIP that is no
 * IP address is a warning (the API server does not check it, and no `nodes` peer can match it).
 */
function validateNodeAddresses(status: unknown): ValidationFinding[] {
  if (!isRecord(status)) return [];
  const out: ValidationFinding[] = [];
  const addresses = status.addresses;
  if (addresses === undefined || addresses === null) return out;
  if (!Array.isArray(addresses)) return [finding(['status', 'addresses'], 'wrong type', addresses, 'must be a list')];
  addresses.forEach((a, i) => {
    const at = ['status', 'addresses', i];
    const before = out.length;
    checkStructure(a, NODE_ADDRESS, at, out);
    if (out.length > before || !isRecord(a)) return;
    if (typeof a.type === 'string' && NODE_IP_ADDRESS_TYPES.includes(a.type) && typeof a.address === 'string' && !parseIp(a.address)) {
      out.push({ ...finding([...at, 'address'], 'not an IP address', a.address, `an ${a.type} should be an IPv4 or IPv6 address; nodes peers cannot match it, so it is left out`), severity: 'warning' });
    }
  });
  return out;
}

function validatePodIps(status: unknown): ValidationFinding[] {
  if (!isRecord(status)) return [];
  const out: ValidationFinding[] = [];
  const check = (ip: unknown, path: FieldPath): void => {
    if (ip === undefined || ip === null || ip === '') return;
    if (typeof ip !== 'string' || !parseIp(ip)) out.push(finding(path, 'invalid pod IP', ip, 'must be an IPv4 or IPv6 address'));
  };
  check(status.podIP, ['status', 'podIP']);
  listOrEmpty(status.podIPs).forEach((e, i) => check(isRecord(e) ? e.ip : undefined, ['status', 'podIPs', i, 'ip']));
  return out;
}

/**
 * Checks a Namespace, Pod or workload (`kind` is its kind) in the fields netfence reads; empty
 * when the API server would accept those fields.
 */
export function validateEndpointObject(obj: Record<string, unknown>, kind: string): ValidationFinding[] {
  const out = validateMetadata(obj.metadata, kind);
  if (kind === 'Node') {
    appendAll(out, validateNodeAddresses(obj.status));
    return out;
  }
  if (kind === 'Pod') {
    appendAll(out, validateContainerPorts(obj.spec, ['spec']));
    appendAll(out, validateHostFields(obj.spec, ['spec'], true));
    appendAll(out, validatePodIps(obj.status));
    return out;
  }
  const templatePath = WORKLOAD_TEMPLATE_PATHS[kind];
  if (templatePath === undefined) return out;
  let node: unknown = obj;
  for (let i = 0; i < templatePath.length; i++) {
    const at = templatePath.slice(0, i);
    if (node !== undefined && node !== null && !isRecord(node)) {
      out.push(finding(at, 'wrong type', node, 'must be a mapping'));
      return out;
    }
    node = isRecord(node) ? node[templatePath[i]] : undefined;
  }
  if (node === undefined || node === null) {
    out.push(finding(templatePath, 'missing pod template', undefined, `a ${kind} needs ${templatePath.join('.')} (the pods it runs)`));
    return out;
  }
  if (!isRecord(node)) {
    out.push(finding(templatePath, 'wrong type', node, 'must be a mapping (a PodTemplateSpec)'));
    return out;
  }
  const meta = node.metadata;
  if (meta !== undefined && meta !== null && !isRecord(meta)) out.push(finding([...templatePath, 'metadata'], 'wrong type', meta, 'must be a mapping'));
  else appendAll(out, validateLabelMap(isRecord(meta) ? meta.labels : undefined, [...templatePath, 'metadata', 'labels']));
  appendAll(out, validateContainerPorts(node.spec, [...templatePath, 'spec']));
  appendAll(out, validateHostFields(node.spec, [...templatePath, 'spec'], false));
  return out;
}
