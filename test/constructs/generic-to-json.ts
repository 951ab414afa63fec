/**
 * The reference for "what cdk8s would write": netfence's NetworkPolicy overrides `toJson()` with
 * an exact fast path, so a comparison with `app.synth()` would otherwise compare that path with
 * itself. Inside `withGenericToJson`, every NetworkPolicy serializes through cdk8s's generic
 * `ApiObject.prototype.toJson` (resolve + sanitize + patches), as a plain ApiObject would.
 */
import { ApiObject } from 'cdk8s';
import { NetworkPolicy } from '../../lib/constructs/network-policy';

/** Runs `f` with NetworkPolicy's own `toJson()` replaced by cdk8s's generic one, then restores it. */
export function withGenericToJson<T>(f: () => T): T {
  const own = Object.getOwnPropertyDescriptor(NetworkPolicy.prototype, 'toJson');
  if (own === undefined || own.value === ApiObject.prototype.toJson) throw new Error('NetworkPolicy.prototype.toJson is not its own override (nested withGenericToJson?)');
  Object.defineProperty(NetworkPolicy.prototype, 'toJson', { ...own, value: ApiObject.prototype.toJson });
  try {
    return f();
  } finally {
    Object.defineProperty(NetworkPolicy.prototype, 'toJson', own);
  }
}
