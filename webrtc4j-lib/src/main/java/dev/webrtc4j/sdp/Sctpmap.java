package dev.webrtc4j.sdp;

import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The legacy {@code a=sctpmap:<port> <protocol> [<streams>]} of draft-ietf-mmusic-sctp-sdp-05,
 * e.g. {@code 5000 webrtc-datachannel 1024}, which browsers wrote before RFC 8841's
 * {@code a=sctp-port} (with {@code m=application <port> DTLS/SCTP 5000}).
 *
 * @param port the SCTP port, 0 to 65535
 * @param protocol e.g. {@code webrtc-datachannel}
 * @param streams the number of streams, or empty
 */
public record Sctpmap(int port, String protocol, OptionalInt streams) implements TypedAttribute {
  public Sctpmap {
    Tokens.check(port >= 0 && port <= 65535, "sctpmap port is out of range [0, 65535]: " + port);
    Tokens.requireToken(Objects.requireNonNull(protocol, "protocol"), "sctpmap protocol");
    Objects.requireNonNull(streams, "streams");
    streams.ifPresent(n -> Tokens.check(n > 0, "sctpmap streams is not positive: " + n));
  }

  public static Sctpmap parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "sctpmap"));
    Tokens.check(f.size() == 2 || f.size() == 3, "sctpmap needs a port, a protocol and optionally streams");
    int port = Tokens.intNumber(f.get(0), 0, 65535, "sctpmap port");
    OptionalInt streams = f.size() == 3
        ? OptionalInt.of(Tokens.intNumber(f.get(2), 1, Integer.MAX_VALUE, "sctpmap streams"))
        : OptionalInt.empty();
    return new Sctpmap(port, f.get(1), streams);
  }

  @Override
  public String attributeName() {
    return "sctpmap";
  }

  @Override
  public String value() {
    String base = port + " " + protocol;
    return streams.isPresent() ? base + " " + streams.getAsInt() : base;
  }
}
