package dev.webrtc4j.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.2">RFC 8866 §5.2</a>:
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}, e.g.
 * {@code - 4611731400430051336 2 IN IP4 127.0.0.1}.
 *
 * <p>Session id and version are kept as written (they may exceed a {@code long}); JSEP bumps the
 * version with {@link #withNextVersion()}.
 *
 * @param username {@code -} when there is none
 * @param sessionId digits
 * @param sessionVersion digits
 * @param networkType {@code IN}
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the unicast address
 */
public record Origin(
    String username, String sessionId, String sessionVersion, String networkType, String addressType, String address) {
  public Origin {
    Tokens.requireVisible(Objects.requireNonNull(username, "username"), "origin username");
    requireDigits(Objects.requireNonNull(sessionId, "sessionId"), "session id");
    requireDigits(Objects.requireNonNull(sessionVersion, "sessionVersion"), "session version");
    Tokens.requireToken(Objects.requireNonNull(networkType, "networkType"), "network type");
    Tokens.requireToken(Objects.requireNonNull(addressType, "addressType"), "address type");
    Tokens.requireVisible(Objects.requireNonNull(address, "address"), "origin address");
  }

  /** {@code - <sessionId> <sessionVersion> IN IP4 127.0.0.1}, as browsers write it. */
  public static Origin of(long sessionId, long sessionVersion) {
    Tokens.check(sessionId >= 0 && sessionVersion >= 0, "session id and version must not be negative");
    return new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion), "IN", "IP4", "127.0.0.1");
  }

  /** Parses the text after {@code o=}. */
  public static Origin parse(String text) {
    var f = Tokens.fields(text);
    Tokens.check(f.size() == 6, "origin needs 6 fields, has " + f.size());
    return new Origin(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
  }

  /** A copy with the session version set. */
  public Origin withSessionVersion(String sessionVersion) {
    return new Origin(username, sessionId, sessionVersion, networkType, addressType, address);
  }

  /** A copy with the session version plus one (RFC 3264 §8: each new offer or answer increments it). */
  public Origin withNextVersion() {
    return withSessionVersion(new BigInteger(sessionVersion).add(BigInteger.ONE).toString());
  }

  /** The text after {@code o=}. */
  public String text() {
    return String.join(" ", username, sessionId, sessionVersion, networkType, addressType, address);
  }

  private static void requireDigits(String s, String what) {
    boolean ok = !s.isEmpty();
    for (int i = 0; ok && i < s.length(); i++) ok = s.charAt(i) >= '0' && s.charAt(i) <= '9';
    Tokens.check(ok, what + " is not a number: \"" + s + "\"");
  }
}
