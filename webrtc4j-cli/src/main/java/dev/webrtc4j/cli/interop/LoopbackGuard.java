package dev.webrtc4j.cli.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network rule on SDP, the Java twin of interop/browsers/lib/loopback-guard.mjs: every address
 * an SDP names (candidate address and raddr, c=, o=, a=rtcp:) must be 127.0.0.0/8 or ::1; the
 * 0.0.0.0 / :: placeholders are allowed where stacks write them.
 */
final class LoopbackGuard {
  private static final Pattern V4 = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private LoopbackGuard() {}

  /** "line N: reason: text" for each violation; empty if the SDP names only loopback addresses. */
  static List<String> violations(String sdp) {
    List<String> out = new ArrayList<>();
    String[] lines = sdp.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i];
      String reason = null;
      if (text.startsWith("a=candidate:")) {
        String[] f = text.substring("a=candidate:".length()).trim().split("\\s+");
        if (f.length < 8) {
          reason = "malformed candidate";
        } else if (!isLoopback(f[4])) {
          reason = "candidate address " + f[4] + " is not loopback";
        } else {
          for (int k = 0; k < f.length; k++) {
            if (f[k].equals("raddr")) {
              String r = k + 1 < f.length ? f[k + 1] : "";
              if (!isLoopback(r) && !isPlaceholder(r)) {
                reason = "candidate raddr " + r + " is not loopback";
              }
            }
          }
        }
      } else if (text.startsWith("c=")) {
        String[] f = text.substring(2).trim().split("\\s+");
        String a = f.length > 2 ? f[2].split("/")[0] : "";
        if (!isLoopback(a) && !isPlaceholder(a)) {
          reason = "connection address " + a + " is not loopback";
        }
      } else if (text.startsWith("o=")) {
        String[] f = text.substring(2).trim().split("\\s+");
        String a = f.length > 5 ? f[5] : "";
        if (!isLoopback(a) && !isPlaceholder(a)) {
          reason = "origin address " + a + " is not loopback";
        }
      } else if (text.startsWith("a=rtcp:")) {
        String[] f = text.substring("a=rtcp:".length()).trim().split("\\s+");
        if (f.length >= 4 && !isLoopback(f[3]) && !isPlaceholder(f[3])) {
          reason = "rtcp address " + f[3] + " is not loopback";
        }
      }
      if (reason != null) {
        out.add("line " + (i + 1) + ": " + reason + ": " + text);
      }
    }
    return out;
  }

  static boolean isLoopback(String address) {
    String a = address.toLowerCase(java.util.Locale.ROOT);
    if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    Matcher m = V4.matcher(a);
    if (!m.matches()) {
      return false;
    }
    for (int g = 1; g <= 3; g++) {
      if (Integer.parseInt(m.group(g)) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlaceholder(String address) {
    return address.equals("0.0.0.0") || address.equals("::");
  }
}
