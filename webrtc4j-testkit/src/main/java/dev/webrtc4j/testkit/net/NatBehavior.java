package dev.webrtc4j.testkit.net;

/**
 * NAT mapping and filtering behaviours of RFC 4787 §4.1 and §5: what the external mapping of an
 * internal address depends on, and which inbound datagrams pass it.
 */
public enum NatBehavior {
  /** The same mapping (or filter) whatever the remote address: "full cone" for filtering. */
  ENDPOINT_INDEPENDENT,
  /** Depends on the remote IP address only. */
  ADDRESS_DEPENDENT,
  /** Depends on the remote IP address and port ("symmetric" when used for mapping). */
  ADDRESS_AND_PORT_DEPENDENT
}
