package dev.webrtc4j.sdp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate fingerprint, <a href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122
 * §5</a>: {@code a=fingerprint:<hash-func> <XX:XX:...>}, e.g. {@code sha-256 AB:CD:...}.
 *
 * <p>The digest is held as its canonical text (upper-case hex pairs joined by colons) so that the
 * record compares by value; {@link #digest()} returns the bytes.
 *
 * @param hashFunction the hash function token as written, e.g. {@code sha-256}
 * @param fingerprint upper-case hex pairs separated by colons (lower case is accepted and
 *     normalised)
 */
public record Fingerprint(String hashFunction, String fingerprint) implements TypedAttribute {
  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  public Fingerprint {
    Tokens.requireToken(Objects.requireNonNull(hashFunction, "hashFunction"), "hash function");
    Objects.requireNonNull(fingerprint, "fingerprint");
    fingerprint = fingerprint.toUpperCase(Locale.ROOT);
    boolean ok = fingerprint.length() % 3 == 2;
    for (int i = 0; ok && i < fingerprint.length(); i++) {
      char c = fingerprint.charAt(i);
      ok = i % 3 == 2 ? c == ':' : (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
    Tokens.check(ok, "fingerprint is not colon-separated hex pairs: \"" + fingerprint + "\"");
  }

  /** A fingerprint of {@code digest} (copied). */
  public static Fingerprint of(String hashFunction, byte[] digest) {
    Tokens.check(digest.length > 0, "fingerprint is empty");
    return new Fingerprint(hashFunction, HEX.formatHex(digest));
  }

  /** Parses {@code <hash-func> <hex pairs separated by colons>}; hex digits of either case. */
  public static Fingerprint parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "fingerprint"));
    Tokens.check(f.size() == 2, "fingerprint needs a hash function and a fingerprint");
    return new Fingerprint(f.get(0), f.get(1));
  }

  /** A fresh copy of the digest bytes. */
  public byte[] digest() {
    return HEX.parseHex(fingerprint);
  }

  /** The hash function name in lower case, for comparing ({@code SHA-256} equals {@code sha-256}). */
  public String normalizedHashFunction() {
    return hashFunction.toLowerCase(Locale.ROOT);
  }

  @Override
  public String attributeName() {
    return "fingerprint";
  }

  @Override
  public String value() {
    return hashFunction + " " + fingerprint;
  }
}
