/** The directions a NetworkPolicy can isolate. */
export enum PolicyType {
  /** Incoming connections to the selected pods. */
  INGRESS = 'Ingress',
  /** Outgoing connections from the selected pods. */
  EGRESS = 'Egress',
}
