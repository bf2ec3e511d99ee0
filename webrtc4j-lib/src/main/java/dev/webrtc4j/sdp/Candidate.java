package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An ICE candidate, <a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839 §5.1</a>:
 *
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component-id&gt; &lt;transport&gt; &lt;priority&gt;
 *           &lt;connection-address&gt; &lt;port&gt; typ &lt;cand-type&gt;
 *           [raddr &lt;connection-address&gt;] [rport &lt;port&gt;]
 *           *(&lt;extension-att-name&gt; &lt;extension-att-value&gt;)
 * </pre>
 *
 * <p>The connection address may be IPv4, IPv6 or a host name (an mDNS {@code .local} name). Every
 * extension attribute is kept in order in {@link #extensions()}, the ones browsers use included:
 * {@code tcptype} (RFC 6544 §4.5), {@code generation}, {@code ufrag}, {@code network-id},
 * {@code network-cost}; read them with {@link #tcpType()}, {@link #generation()}, {@link #ufrag()},
 * {@link #networkId()}, {@link #networkCost()}.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component component id, 1 to 256 (1 is RTP, 2 is RTCP)
 * @param transport {@code udp}, {@code tcp} or another token, as written
 * @param priority 0 to 2³²−1
 * @param address the connection address
 * @param port 0 to 65535 (TCP active candidates use 9)
 * @param type {@code host}, {@code srflx}, {@code prflx}, {@code relay} or another token
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort {@code rport}, or empty
 * @param extensions the extension attributes in order, each with a value
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    String type,
    @Nullable String relatedAddress,
    OptionalInt relatedPort,
    List<Parameter> extensions)
    implements TypedAttribute {

  /** The prefix of the W3C {@code RTCIceCandidate.candidate} string. */
  public static final String PREFIX = "candidate:";

  public Candidate {
    Objects.requireNonNull(foundation, "foundation");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(relatedPort, "relatedPort");
    Tokens.check(!foundation.isEmpty() && foundation.length() <= 32 && isIceChars(foundation),
        "foundation is not 1 to 32 ice-chars: \"" + foundation + "\"");
    Tokens.check(component >= 1 && component <= 256, "component id is out of range [1, 256]: " + component);
    Tokens.requireToken(transport, "transport");
    Tokens.check(priority >= 0 && priority <= 0xFFFF_FFFFL, "priority is out of range [0, 4294967295]: " + priority);
    Tokens.requireVisible(address, "connection address");
    Tokens.check(port >= 0 && port <= 65535, "port is out of range [0, 65535]: " + port);
    Tokens.requireToken(type, "candidate type");
    if (relatedAddress != null) Tokens.requireVisible(relatedAddress, "raddr");
    if (relatedPort.isPresent()) {
      int rp = relatedPort.getAsInt();
      Tokens.check(rp >= 0 && rp <= 65535, "rport is out of range [0, 65535]: " + rp);
    }
    extensions = Tokens.copy(extensions, "extensions");
    for (Parameter p : extensions) {
      Tokens.requireToken(p.name(), "extension attribute name");
      Tokens.check(p.value() != null, "extension attribute " + p.name() + " has no value");
      Tokens.requireVisible(Objects.requireNonNull(p.value()), "extension attribute " + p.name());
      Tokens.check(!p.name().equals("raddr") && !p.name().equals("rport") && !p.name().equals("typ"),
          p.name() + " is not an extension attribute");
      checkKnownExtension(p.name(), p.value());
    }
  }

  /** A candidate without related address and extensions. */
  public static Candidate of(
      String foundation, int component, String transport, long priority, String address, int port, String type) {
    return new Candidate(foundation, component, transport, priority, address, port, type, null, OptionalInt.empty(), List.of());
  }

  /**
   * Parses the attribute value, with or without the {@code candidate:} prefix (the W3C API passes
   * {@code candidate:...}; an {@code a=candidate} line carries the rest). A leading {@code a=} is
   * accepted too.
   */
  public static Candidate parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "candidate");
    if (v.startsWith("a=")) v = v.substring(2);
    if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) v = v.substring(PREFIX.length());
    List<String> f = Tokens.fields(v);
    Tokens.check(f.size() >= 8, "candidate needs at least 8 fields, has " + f.size());
    String foundation = f.get(0);
    int component = Tokens.intNumber(f.get(1), 1, 256, "component id");
    String transport = f.get(2);
    long priority = Tokens.number(f.get(3), 0, 0xFFFF_FFFFL, "priority");
    String address = f.get(4);
    int port = Tokens.intNumber(f.get(5), 0, 65535, "port");
    Tokens.check(f.get(6).equals("typ"), "expected \"typ\" but found \"" + f.get(6) + "\"");
    String type = f.get(7);
    String raddr = null;
    OptionalInt rport = OptionalInt.empty();
    List<Parameter> ext = new ArrayList<>();
    for (int i = 8; i < f.size(); i += 2) {
      String name = f.get(i);
      Tokens.check(i + 1 < f.size(), "extension attribute " + name + " has no value");
      String val = f.get(i + 1);
      switch (name) {
        case "raddr" -> {
          Tokens.check(raddr == null, "raddr appears twice");
          raddr = val;
        }
        case "rport" -> {
          Tokens.check(rport.isEmpty(), "rport appears twice");
          rport = OptionalInt.of(Tokens.intNumber(val, 0, 65535, "rport"));
        }
        default -> ext.add(new Parameter(name, val));
      }
    }
    return new Candidate(foundation, component, transport, priority, address, port, type, raddr, rport, ext);
  }

  @Override
  public String attributeName() {
    return "candidate";
  }

  /** The attribute value, without the {@code candidate:} prefix. */
  @Override
  public String value() {
    StringBuilder sb = new StringBuilder();
    sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
        .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
    if (relatedAddress != null) sb.append(" raddr ").append(relatedAddress);
    relatedPort.ifPresent(p -> sb.append(" rport ").append(p));
    for (Parameter p : extensions) sb.append(' ').append(p.name()).append(' ').append(p.value());
    return sb.toString();
  }

  /** The W3C {@code RTCIceCandidate.candidate} form: {@code candidate:} and the value. */
  public String candidateString() {
    return PREFIX + value();
  }

  /** The value of the first extension attribute with this name. */
  public Optional<String> extension(String name) {
    for (Parameter p : extensions) {
      if (p.name().equals(name)) return Optional.ofNullable(p.value());
    }
    return Optional.empty();
  }

  /** A copy with the extension attribute set: replaces the first one of that name, else appends. */
  public Candidate withExtension(String name, String value) {
    List<Parameter> ext = new ArrayList<>(extensions);
    Parameter np = Parameter.of(name, value);
    boolean replaced = false;
    for (int i = 0; i < ext.size(); i++) {
      if (ext.get(i).name().equals(name)) {
        ext.set(i, np);
        replaced = true;
        break;
      }
    }
    if (!replaced) ext.add(np);
    return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress, relatedPort, ext);
  }

  /** A copy with {@code raddr} and {@code rport} set. */
  public Candidate withRelated(String relatedAddress, int relatedPort) {
    return new Candidate(foundation, component, transport, priority, address, port, type,
        Objects.requireNonNull(relatedAddress, "relatedAddress"), OptionalInt.of(relatedPort), extensions);
  }

  /** A copy with another connection address (e.g. an mDNS name replaced by its IP). */
  public Candidate withAddress(String address, int port) {
    return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress, relatedPort, extensions);
  }

  /** RFC 6544 §4.5 {@code tcptype}: {@code active}, {@code passive} or {@code so}. */
  public Optional<String> tcpType() {
    return extension("tcptype");
  }

  /** {@code generation} (Chrome, legacy). */
  public OptionalLong generation() {
    return extension("generation").map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
  }

  /** {@code ufrag}: the ICE username fragment the candidate belongs to. */
  public Optional<String> ufrag() {
    return extension("ufrag");
  }

  /** {@code network-id} (Chrome). */
  public OptionalInt networkId() {
    return extension("network-id").map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty());
  }

  /** {@code network-cost} (Chrome). */
  public OptionalInt networkCost() {
    return extension("network-cost").map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty());
  }

  /** Whether the transport is UDP (compared without case, as RFC 8839 §5.1 says). */
  public boolean isUdp() {
    return transport.toLowerCase(Locale.ROOT).equals("udp");
  }

  private static void checkKnownExtension(String name, @Nullable String value) {
    String v = Objects.requireNonNull(value);
    switch (name) {
      case "tcptype" -> Tokens.check(v.equals("active") || v.equals("passive") || v.equals("so"),
          "tcptype is not active, passive or so: \"" + v + "\"");
      case "generation" -> Tokens.number(v, 0, Long.MAX_VALUE, "generation");
      case "network-id" -> Tokens.number(v, 0, Integer.MAX_VALUE, "network-id");
      case "network-cost" -> Tokens.number(v, 0, Integer.MAX_VALUE, "network-cost");
      default -> { }
    }
  }

  private static boolean isIceChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
      if (!ok) return false;
    }
    return true;
  }
}
