package dev.webrtc4j.internal.pc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Malformed-injection suite for the core (STYLE.md §6): every line of every browser sample
 * removed or damaged in turn, then applied as a remote offer. The only failure allowed is a
 * {@link PcException}; after one the core is still stable and usable, and whatever is accepted
 * gets an answer that parses and applies.
 */
class MalformedRemoteSdpTest {
  private static final List<Fingerprint> FP = List.of(new Fingerprint("sha-256",
      "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"));
  private static final List<String> SAMPLES = List.of("chrome-156-data-offer.sdp", "firefox-153-av-offer.sdp",
      "hand-chrome-simulcast-offer.sdp", "hand-lite-unknown-lines.sdp");

  private static String read(String name) {
    try (InputStream in = MalformedRemoteSdpTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing sample " + name, e);
    }
  }

  private static long tokens;

  /** Applies {@code sdp} as a remote offer to a fresh core and answers; only PcException may escape. */
  static boolean applyAndAnswer(String sdp) {
    PeerConnectionCore c = new PeerConnectionCore(CoreConfig.defaults(), new SecureRandom(new byte[] {1}),
        new SplittableRandom(1), SdpPackageTranslator.INSTANCE);
    c.setFingerprints(FP);
    c.addTransceiver("audio", Direction.SENDRECV, "t", List.of("s"));
    long t = ++tokens;
    c.setRemoteDescription(t, SdpType.OFFER, sdp);
    CoreEvent.OperationDone done = drain(c, t);
    if (done.error() != null) {
      assertThat(c.signalingState()).isEqualTo(SignalingState.STABLE);
      assertThat(c.remoteDescription()).isNull();
      return false;
    }
    long a = ++tokens;
    c.createAnswer(a);
    CoreEvent.OperationDone answer = drain(c, a);
    assertThat(answer.error()).as("answer to an accepted offer").isNull();
    JsepDescription d = (JsepDescription) answer.result();
    SessionDescription.parse(d.sdp());
    long l = ++tokens;
    c.setLocalDescription(l, SdpType.ANSWER, d.sdp());
    assertThat(drain(c, l).error()).isNull();
    assertThat(c.signalingState()).isEqualTo(SignalingState.STABLE);
    return true;
  }

  private static CoreEvent.OperationDone drain(PeerConnectionCore c, long token) {
    CoreEvent e;
    CoreEvent.OperationDone out = null;
    while ((e = c.pollEvent()) != null) {
      if (e instanceof CoreEvent.OperationDone d && d.token() == token) {
        out = d;
      }
    }
    assertThat(out).as("operation settled").isNotNull();
    return out;
  }

  @Test
  void everyLineRemovedOrDamagedFailsOnlyWithTheSpecsErrors() {
    int accepted = 0;
    int refused = 0;
    for (String name : SAMPLES) {
      String[] lines = read(name).split("\r\n", -1);
      for (int i = 0; i < lines.length; i++) {
        for (int variant = 0; variant < 3; variant++) {
          List<String> copy = new ArrayList<>(Arrays.asList(lines));
          switch (variant) {
            case 0 -> copy.remove(i);
            case 1 -> copy.set(i, copy.get(i).replaceAll("[0-9]", "9999999999"));
            default -> copy.set(i, copy.get(i).isEmpty() ? "x" : copy.get(i).substring(0, copy.get(i).length() / 2));
          }
          try {
            if (applyAndAnswer(String.join("\r\n", copy))) {
              accepted++;
            } else {
              refused++;
            }
          } catch (PcException unexpected) {
            throw new AssertionError("PcException escaped the operation", unexpected);
          } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(name + " line " + (i + 1) + " variant " + variant + ": " + e, e);
          }
        }
      }
    }
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
  }

  @FuzzTest(maxDuration = "10s")
  void fuzzedRemoteOffersFailOnlyWithTheSpecsErrors(FuzzedDataProvider data) {
    String base = read(SAMPLES.get(data.consumeInt(0, SAMPLES.size() - 1)));
    List<String> lines = new ArrayList<>(Arrays.asList(base.split("\r\n", -1)));
    int edits = data.consumeInt(0, 8);
    for (int k = 0; k < edits && !lines.isEmpty(); k++) {
      int i = data.consumeInt(0, lines.size() - 1);
      switch (data.consumeInt(0, 2)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.set(i, data.consumeString(80));
        default -> lines.add(i, lines.get(data.consumeInt(0, lines.size() - 1)));
      }
    }
    applyAndAnswer(String.join("\r\n", lines));
  }
}
