import { AnyOf } from './any-of';
import { Anyone } from './anyone';
import { Cidr, Internet } from './cidr';
import { Labels } from './label-selector';
import { Namespaces } from './namespaces';
import { IPeer } from './peer';
import { Pods } from './pods';

/** Static factories for every kind of peer, for readers who look for `Peer.*` first. */
export class Peer {
  /** Pods with these labels in the chart's namespace. */
  public static pods(labels: Labels): Pods {
    return Pods.labelled(labels);
  }

  /** Every pod of the chart's namespace. */
  public static allPods(): Pods {
    return Pods.all();
  }

  /** Every pod of the named namespaces. */
  public static namespace(...names: string[]): Namespaces {
    return Namespaces.named(...names);
  }

  /** Every pod of the namespaces carrying these labels. */
  public static namespacesLabelled(labels: Labels): Namespaces {
    return Namespaces.labelled(labels);
  }

  /** Every pod of every namespace. */
  public static allNamespaces(): Namespaces {
    return Namespaces.all();
  }

  /** An IP block. */
  public static cidr(cidr: string): Cidr {
    return Cidr.of(cidr);
  }

  /** Every address on the internet, IPv4 and IPv6. */
  public static internet(): Cidr {
    return Internet.all();
  }

  /** The internet without private, CGNAT, link-local and loopback ranges. */
  public static internetExceptPrivate(): Cidr {
    return Internet.exceptPrivate();
  }

  /** Any of these peers (OR), as one peer: one rule, and a side wherever any of them lives. */
  public static anyOf(...peers: IPeer[]): IPeer {
    return AnyOf.of(...peers);
  }

  /** Everyone: a rule with no peers. Must be asked for by name; an empty list is an error. */
  public static anyone(): IPeer {
    return Anyone.INSTANCE;
  }

  private constructor() {}
}
