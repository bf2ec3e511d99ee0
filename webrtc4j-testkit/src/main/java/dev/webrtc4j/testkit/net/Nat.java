package dev.webrtc4j.testkit.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A NAT box with one external IP, per RFC 4787. Internal hosts are the addresses registered behind
 * it; mappings are created by outbound datagrams and looked up by inbound ones. Mappings never
 * expire within a test (tests are short); hairpinning is supported when enabled.
 */
public final class Nat {
  private final InetAddress externalIp;
  private final NatBehavior mapping;
  private final NatBehavior filtering;
  private final boolean hairpinning;
  private int nextPort = 40000;

  /** key (internal address + what the mapping depends on) → external address. */
  private final Map<MappingKey, InetSocketAddress> outbound = new HashMap<>();
  /** external port → the binding that owns it. */
  private final Map<Integer, Binding> inbound = new HashMap<>();

  private record MappingKey(InetSocketAddress internal, InetAddress remoteIp, int remotePort) {}

  private static final class Binding {
    final InetSocketAddress internal;
    final Set<InetAddress> permittedIps = new HashSet<>();
    final Set<InetSocketAddress> permittedAddresses = new HashSet<>();

    Binding(InetSocketAddress internal) {
      this.internal = internal;
    }
  }

  Nat(InetAddress externalIp, NatBehavior mapping, NatBehavior filtering, boolean hairpinning) {
    this.externalIp = externalIp;
    this.mapping = mapping;
    this.filtering = filtering;
    this.hairpinning = hairpinning;
  }

  public InetAddress externalIp() {
    return externalIp;
  }

  public NatBehavior mapping() {
    return mapping;
  }

  public NatBehavior filtering() {
    return filtering;
  }

  boolean hairpinning() {
    return hairpinning;
  }

  /** Number of external mappings created so far (a test can check that a STUN-like probe made one). */
  public int mappingCount() {
    return inbound.size();
  }

  /** Rewrites the source of an outbound datagram, creating a mapping if needed. */
  InetSocketAddress mapOutbound(InetSocketAddress internal, InetSocketAddress remote) {
    MappingKey key =
        switch (mapping) {
          case ENDPOINT_INDEPENDENT -> new MappingKey(internal, null, -1);
          case ADDRESS_DEPENDENT -> new MappingKey(internal, remote.getAddress(), -1);
          case ADDRESS_AND_PORT_DEPENDENT -> new MappingKey(internal, remote.getAddress(), remote.getPort());
        };
    InetSocketAddress external = outbound.get(key);
    if (external == null) {
      external = new InetSocketAddress(externalIp, nextPort++);
      outbound.put(key, external);
      inbound.put(external.getPort(), new Binding(internal));
    }
    Binding binding = inbound.get(external.getPort());
    binding.permittedIps.add(remote.getAddress());
    binding.permittedAddresses.add(remote);
    return external;
  }

  /** The internal destination of an inbound datagram, or empty when the NAT drops it. */
  Optional<InetSocketAddress> mapInbound(InetSocketAddress externalDestination, InetSocketAddress remote) {
    Binding binding = inbound.get(externalDestination.getPort());
    if (binding == null) {
      return Optional.empty();
    }
    boolean allowed =
        switch (filtering) {
          case ENDPOINT_INDEPENDENT -> true;
          case ADDRESS_DEPENDENT -> binding.permittedIps.contains(remote.getAddress());
          case ADDRESS_AND_PORT_DEPENDENT -> binding.permittedAddresses.contains(remote);
        };
    return allowed ? Optional.of(binding.internal) : Optional.empty();
  }
}
