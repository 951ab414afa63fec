import { NetworkPolicyPortManifest, ProtocolName } from './manifest';

/** Transport protocols a NetworkPolicy can name. */
export enum Protocol {
  /** TCP, the API's default. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * A port, port range, named port or a whole protocol, as a value. Ranges and names are checked
 * at synth (with the construct path), not here, so that errors can say where they came from.
 */
export class Port {
  /** One TCP port. */
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, port);
  }

  /** One UDP port. */
  public static udp(port: number): Port {
    return new Port(Protocol.UDP, port);
  }

  /** One SCTP port. */
  public static sctp(port: number): Port {
    return new Port(Protocol.SCTP, port);
  }

  /** A TCP range, both ends included (`endPort`). */
  public static tcpRange(from: number, to: number): Port {
    return new Port(Protocol.TCP, from, to);
  }

  /** A UDP range, both ends included (`endPort`). */
  public static udpRange(from: number, to: number): Port {
    return new Port(Protocol.UDP, from, to);
  }

  /** An SCTP range, both ends included (`endPort`). */
  public static sctpRange(from: number, to: number): Port {
    return new Port(Protocol.SCTP, from, to);
  }

  /**
   * A named container port (IANA service name, e.g. `metrics`), resolved by the cluster against
   * each destination pod's own container ports.
   */
  public static named(name: string, protocol: Protocol = Protocol.TCP): Port {
    return new Port(protocol, name);
  }

  /** Every port of TCP: a port entry with only a protocol (never `port: 0`). */
  public static allTcp(): Port {
    return new Port(Protocol.TCP);
  }

  /** Every port of UDP. */
  public static allUdp(): Port {
    return new Port(Protocol.UDP);
  }

  /** Every port of SCTP. */
  public static allSctp(): Port {
    return new Port(Protocol.SCTP);
  }

  /** Every port of the given protocol. */
  public static allOf(protocol: Protocol): Port {
    return new Port(protocol);
  }

  /** DNS over UDP, port 53. */
  public static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP, port 53 (large answers and zone transfers fall back to TCP). */
  public static readonly DNS_TCP = Port.tcp(53);
  /** HTTP, TCP 80. */
  public static readonly HTTP = Port.tcp(80);
  /** HTTPS, TCP 443. */
  public static readonly HTTPS = Port.tcp(443);
  /** SSH, TCP 22. */
  public static readonly SSH = Port.tcp(22);
  /** SMTP relay submission, TCP 587. */
  public static readonly SMTP_SUBMISSION = Port.tcp(587);
  /** SMTP, TCP 25. */
  public static readonly SMTP = Port.tcp(25);
  /** PostgreSQL, TCP 5432. */
  public static readonly POSTGRES = Port.tcp(5432);
  /** MySQL and MariaDB, TCP 3306. */
  public static readonly MYSQL = Port.tcp(3306);
  /** Redis, TCP 6379. */
  public static readonly REDIS = Port.tcp(6379);
  /** MongoDB, TCP 27017. */
  public static readonly MONGODB = Port.tcp(27017);
  /** Kafka brokers, TCP 9092. */
  public static readonly KAFKA = Port.tcp(9092);
  /** Elasticsearch and OpenSearch HTTP, TCP 9200. */
  public static readonly ELASTICSEARCH = Port.tcp(9200);
  /** The Kubernetes API server's usual port, TCP 6443. */
  public static readonly KUBE_API = Port.tcp(6443);
  /** Prometheus, TCP 9090. */
  public static readonly PROMETHEUS = Port.tcp(9090);
  /** Both DNS ports: UDP 53 and TCP 53. */
  public static readonly DNS: readonly Port[] = Object.freeze([Port.DNS_UDP, Port.DNS_TCP]);

  private constructor(
    /** The protocol. */
    public readonly protocol: Protocol,
    /** The port number or name; undefined means every port of the protocol. */
    public readonly port?: number | string,
    /** The last port of a range, inclusive. */
    public readonly endPort?: number,
  ) {}

  /** True for a named port. */
  public get isNamed(): boolean {
    return typeof this.port === 'string';
  }

  /** The API form. The protocol is always written, so readers never depend on the TCP default. */
  public toManifest(): NetworkPolicyPortManifest {
    const out: { protocol: ProtocolName; port?: number | string; endPort?: number } = { protocol: this.protocol };
    if (this.port !== undefined) out.port = this.port;
    if (this.endPort !== undefined) out.endPort = this.endPort;
    return out;
  }

  /** A short description used in names and messages: `tcp-8080`, `tcp-8000-8100`, `metrics`, `all-udp`. */
  public describe(): string {
    const proto = this.protocol.toLowerCase();
    if (this.port === undefined) return `all-${proto}`;
    if (typeof this.port === 'string') return this.port;
    if (this.endPort !== undefined) return `${proto}-${this.port}-${this.endPort}`;
    return `${proto}-${this.port}`;
  }
}
