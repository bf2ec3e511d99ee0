package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.MS;

import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.testkit.net.LinkConditions;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** The link and message material the SCTP-over-SimNetwork tests share. */
final class Lossy {
  /** One-way delay of both directions. */
  static final long DELAY = 100 * MS;
  /** Extra delay of a reordered datagram: less than a round trip, more than the packet spacing. */
  static final long REORDER_DELAY = 40 * MS;
  static final double LOSS = 0.10;
  static final double REORDER = 0.10;
  static final double DUPLICATE = 0.05;

  /** 10% loss, 10% reordered by 40 ms, 5% duplicated, 100 ms each way. */
  static final LinkConditions LINK = LinkConditions.delay(DELAY).withLoss(LOSS).withReordering(REORDER, REORDER_DELAY)
      .withDuplication(DUPLICATE);

  /** Longest a datagram can be on this link. */
  static final long MAX_ONE_WAY = DELAY + REORDER_DELAY;

  /** Room for the biggest test messages (300 KB) on the receiving side. */
  static final SctpOptions SCTP = SctpOptions.defaults().withMessageSizes(512 * 1024, Long.MAX_VALUE);

  private Lossy() {}

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  /** {@code size} seeded bytes, the first four being {@code index} when there is room. */
  static byte[] message(SplittableRandom random, int index, int size) {
    byte[] m = new byte[size];
    random.nextBytes(m);
    if (size >= 4) {
      ByteBuffer.wrap(m).putInt(0, index);
    }
    return m;
  }

  /**
   * Sizes with small messages, ones around the SCTP MTU (fragmented from 1157 payload bytes), tens
   * of KB and a few of several hundred KB; at least {@code min} bytes.
   */
  static int size(SplittableRandom random, int min) {
    double p = random.nextDouble();
    int s;
    if (p < 0.60) {
      s = 1 + random.nextInt(1200);
    } else if (p < 0.85) {
      s = 1100 + random.nextInt(4000);
    } else if (p < 0.97) {
      s = 5000 + random.nextInt(60_000);
    } else {
      s = 100_000 + random.nextInt(200_000);
    }
    return Math.max(min, s);
  }

  static int index(byte[] message) {
    return ByteBuffer.wrap(message).getInt(0);
  }
}
