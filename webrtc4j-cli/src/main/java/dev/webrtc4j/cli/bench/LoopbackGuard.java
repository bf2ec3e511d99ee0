package dev.webrtc4j.cli.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network rule, checked on everything the benchmark hands from one connection to the other:
 * every candidate must name a loopback address (127.0.0.0/8 or ::1). {@code Settings.loopbackOnly()}
 * should already guarantee it; this is the second line of defence, and it fails the run instead
 * of passing a candidate on.
 */
final class LoopbackGuard {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private LoopbackGuard() {}

  /** True for an IPv4 loopback literal or ::1; false for anything else, names included. */
  static boolean isLoopback(String address) {
    String a = address.trim().toLowerCase(java.util.Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    Matcher m = IPV4_LOOPBACK.matcher(a);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 3; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a candidate attribute value ({@code candidate:foundation component transport priority
   * address port typ ...}, with or without the {@code a=} prefix).
   *
   * @throws IllegalStateException naming the candidate if its address is not loopback
   */
  static void checkCandidate(String candidate) {
    String[] f = candidate.trim().split("\\s+");
    if (f.length < 8 || !isLoopback(f[4])) {
      throw new IllegalStateException("network rule: candidate is not loopback, not passed on: " + candidate);
    }
  }

  /** Checks every {@code a=candidate} line of a session description. */
  static void checkSdp(String sdp, String what) {
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("a=candidate:")) {
        try {
          checkCandidate(line.substring(2));
        } catch (IllegalStateException e) {
          throw new IllegalStateException("network rule: the " + what + " names a non-loopback candidate: " + line, e);
        }
      }
    }
  }
}
