package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Robustness of the parser on damaged input, by seeded mutation of every sample (the Jazzer target
 * {@link SdpParserFuzzTest} checks the same invariants on fuzzed input): it either rejects the text with an
 * {@link SdpParseException} that names a real line of the input, or accepts it, in which case
 * serializing is a fixed point and every typed view reads without error.
 */
class SdpMutationTest {
  private static final String ALPHABET = " :=/;,~*.-_0123456789abcdefghijklmnopqrstuvwxyzAZ\r\n\t\0é";

  @Test
  void seededMutationsOfEverySampleKeepTheInvariants() throws IOException {
    long seed = 0x5DB_2026L;
    SplittableRandom random = new SplittableRandom(seed);
    int accepted = 0;
    int rejected = 0;
    for (Path sample : SdpRoundTripTest.samples().toList()) {
      String text = SdpRoundTripTest.read(sample);
      for (int i = 0; i < 60; i++) {
        String mutated = mutate(text, random);
        try {
          if (check(mutated)) accepted++;
          else rejected++;
        } catch (AssertionError e) {
          fail("seed " + seed + ", sample " + sample.getFileName() + ", iteration " + i + ": " + e.getMessage(), e);
        }
      }
    }
    // Both outcomes must be exercised, or the mutations are too weak or too strong to mean anything.
    assertThat(accepted).isGreaterThan(80);
    assertThat(rejected).isGreaterThan(80);
  }

  /** Returns whether the text was accepted. */
  static boolean check(String text) {
    SessionDescription sdp;
    try {
      sdp = SessionDescription.parse(text);
    } catch (SdpParseException e) {
      List<String> lines = lines(text);
      assertThat(e.lineNumber()).isBetween(1, Math.max(1, lines.size()));
      String expected = lines.isEmpty() ? "" : lines.get(e.lineNumber() - 1);
      assertThat(e.line()).isEqualTo(expected);
      assertThat(e.reason()).isNotBlank();
      return false;
    }
    String once = sdp.serialize();
    SessionDescription again = SessionDescription.parse(once);
    assertThat(again).isEqualTo(sdp);
    assertThat(again.serialize()).isEqualTo(once);
    SdpRoundTripTest.readEverything(sdp);
    return true;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int lf = text.indexOf('\n', start);
      int end = lf < 0 ? text.length() : lf;
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      out.add(text.substring(start, contentEnd));
      start = lf < 0 ? text.length() : lf + 1;
    }
    return out;
  }

  private static String mutate(String text, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
    int n = lines.size() - 1; // the last element is the empty tail after the final CRLF
    int at = r.nextInt(n);
    switch (r.nextInt(7)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, lines.get(r.nextInt(n)));
      case 2 -> {
        int other = r.nextInt(n);
        String tmp = lines.get(at);
        lines.set(at, lines.get(other));
        lines.set(other, tmp);
      }
      case 3, 4 -> {
        String l = lines.get(at);
        if (!l.isEmpty()) {
          int pos = r.nextInt(l.length());
          char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
          lines.set(at, l.substring(0, pos) + c + l.substring(pos + 1));
        }
      }
      case 5 -> {
        String l = lines.get(at);
        int pos = l.isEmpty() ? 0 : r.nextInt(l.length());
        lines.set(at, l.substring(0, pos) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + l.substring(pos));
      }
      default -> {
        String joined = String.join("\r\n", lines);
        return joined.substring(0, r.nextInt(joined.length() + 1));
      }
    }
    return String.join("\r\n", lines);
  }
}
