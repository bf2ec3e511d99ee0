package dev.webrtc4j.internal.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * ICE username fragment and password (RFC 8445 §5.3, syntax RFC 8839 §5.4: ice-char is
 * ALPHA / DIGIT / "+" / "/"; ufrag 4..256 chars, pwd 22..256 chars).
 */
public record IceCredentials(String ufrag, String pwd) {
  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  public IceCredentials {
    Objects.requireNonNull(ufrag, "ufrag");
    Objects.requireNonNull(pwd, "pwd");
    if (ufrag.length() < 4 || ufrag.length() > 256 || !isIceChars(ufrag)) {
      throw new IllegalArgumentException("ufrag must be 4..256 ice-chars: " + ufrag.length() + " chars");
    }
    if (pwd.length() < 22 || pwd.length() > 256 || !isIceChars(pwd)) {
      throw new IllegalArgumentException("pwd must be 22..256 ice-chars: " + pwd.length() + " chars");
    }
  }

  /** Fresh credentials as Chrome makes them: a 4-char ufrag and a 24-char password. */
  public static IceCredentials random(SecureRandom random) {
    return new IceCredentials(randomString(random, 4), randomString(random, 24));
  }

  private static String randomString(SecureRandom random, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  private static boolean isIceChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + Pii.of(ufrag) + ", pwd=<hidden>]";
  }
}
