import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Pods } from 'netfence';

/** Properties of a `Workload`. */
export interface WorkloadProps {
  /** Named container ports, e.g. `{ http: 8080, metrics: 9090 }`. */
  readonly ports?: Readonly<Record<string, number>>;
  /**
   * The container image.
   * @default 'registry.example/<id>:1.0'
   */
  readonly image?: string;
}

/**
 * A Deployment labelled `app: <id>`, with named container ports. Platform teams publish such a
 * construct so that the labels policies select and the labels pods carry come from one place.
 */
export class Workload extends Construct {
  /** The workload's pods, as a netfence peer. */
  public readonly pods: Pods;

  public constructor(scope: Construct, id: string, props: WorkloadProps = {}) {
    super(scope, id);
    this.pods = Pods.labelled({ app: id });
    const ports = Object.entries(props.ports ?? {}).map(([name, containerPort]) => ({
      name,
      containerPort,
      protocol: 'TCP',
    }));
    new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: id },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: id } },
        template: {
          metadata: { labels: { app: id } },
          spec: {
            containers: [{ name: id, image: props.image ?? `registry.example/${id}:1.0`, ports }],
          },
        },
      },
    });
  }
}
