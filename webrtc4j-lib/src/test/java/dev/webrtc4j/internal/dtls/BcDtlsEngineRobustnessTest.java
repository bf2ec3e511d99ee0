package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of captured DTLS datagrams (the Jazzer seeds, from another association) thrown
 * at connected engines: nothing throws, and no forged datagram ends the association (RFC 6347
 * §4.1.2.7: invalid records are silently discarded), so data still flows afterwards. The seed is printed; a failing seed
 * becomes a permanent case.
 */
class BcDtlsEngineRobustnessTest {
  static final int ITERATIONS = Integer.getInteger("dtls.robustness.iterations", 1500);
  static final String[] SEEDS = {
    "client-hello", "change-cipher-spec", "finished-epoch1", "application-data", "close-notify", "app-data-then-certificate"
  };

  static List<byte[]> seeds() {
    List<byte[]> out = new ArrayList<>();
    for (String name : SEEDS) {
      try (InputStream in = BcDtlsEngineRobustnessTest.class.getResourceAsStream("DtlsFuzzTestInputs/connectedServerSurvivesAnyDatagram/" + name)) {
        out.add(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static byte[] mutate(byte[] seed, Random r) {
    byte[] b = seed.clone();
    switch (r.nextInt(5)) {
      case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); // bit flip
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncation
      case 2 -> { // a random byte, often in the header (type, version, epoch, length)
        int at = r.nextBoolean() ? r.nextInt(Math.min(13, b.length)) : r.nextInt(b.length);
        b[at] = (byte) r.nextInt(256);
      }
      case 3 -> { // a length field set to something odd
        if (b.length >= 13) {
          int len = r.nextInt(70000);
          b[11] = (byte) (len >> 8);
          b[12] = (byte) len;
        }
      }
      default -> { // garbage after a valid-looking header
        byte[] g = new byte[13 + r.nextInt(300)];
        r.nextBytes(g);
        System.arraycopy(b, 0, g, 0, Math.min(13, b.length));
        b = g;
      }
    }
    return b;
  }

  @Test
  void connectedEnginesSurviveMutatedDatagrams() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("BcDtlsEngineRobustnessTest seed " + seed);
    run(seed);
  }

  @Test
  void fixedSeedCase() throws Exception {
    run(20261201L);
  }

  /** Found by the random run: a protected handshake record with DTLS 1.0's version (internal_error in BC). */
  @Test
  void protectedRecordOfAnotherVersionSeed() throws Exception {
    run(-8561411754588053908L);
  }

  private static void run(long seed) throws Exception {
    Random r = new Random(seed);
    List<byte[]> seeds = seeds();
    EnginePair p = null;
    int handshakes = 0;
    try {
      for (int i = 0; i < ITERATIONS; i++) {
        if (p == null || p.server.state() != DtlsState.CONNECTED || p.client.state() != DtlsState.CONNECTED) {
          if (p != null) {
            p.close();
          }
          p = EnginePair.started();
          p.runUntilConnected();
          handshakes++;
        }
        DtlsEngine target = r.nextBoolean() ? p.server : p.client;
        byte[] d = mutate(seeds.get(r.nextInt(seeds.size())), r);
        target.handleDatagram(p.now, ByteBuffer.wrap(d));
        for (DtlsEvent e; (e = target.pollEvent()) != null; ) {
          if (e instanceof DtlsEvent.Failed || e instanceof DtlsEvent.Closed) {
            String hex = java.util.HexFormat.of().formatHex(d);
            throw new AssertionError("seed " + seed + " step " + i + ": forged datagram " + hex + " ended the association: " + e);
          }
        }
        assertThat(target.state()).as("seed %d step %d", seed, i).isEqualTo(DtlsState.CONNECTED);
        while (target.pollTransmit() != null) {
          // answers to foreign records are not delivered
        }
      }
      EnginePair q = p;
      q.client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      q.server.send(ByteBuffer.wrap(new byte[] {4, 5}));
      q.runUntil(
          () -> q.serverEvents.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData)
              && q.clientEvents.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData),
          java.time.Duration.ofSeconds(10));
      assertThat(handshakes).as("seed %d", seed).isEqualTo(1);
    } finally {
      if (p != null) {
        p.close();
      }
    }
  }
}
