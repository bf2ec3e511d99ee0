package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static dev.webrtc4j.DataChannelLoopback.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, messages between two connections over loopback: every size from 0 bytes to
 * max-message-size, text and binary byte-exact, the W3C send() errors, exactly-once in-order
 * delivery under flow control, bufferedAmount and bufferedamountlow, a full send buffer.
 *
 * <p>The SCTP packet here is min(1200, DTLS MTU 1200 − 64) = 1136 bytes, so a DATA chunk carries
 * 1136 − 12 − 16 = 1108 bytes of a message; the sizes below sit around that and around the 1170
 * of a 1200-byte SCTP MTU, and their multiples.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataChannelMessagesTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  private static final int MAX = 262_144;

  /** An open channel from a to b and b's end of it. */
  private record Open(Pair pair, RTCDataChannel local, Recorder localEvents, Recorder remote) {}

  private Open open() {
    Pair p = loopback.pair();
    RTCDataChannel ch = p.a.createDataChannel("messages");
    Recorder local = new Recorder(ch);
    p.connect();
    await(local.opened);
    Recorder remote = p.atB.next();
    return new Open(p, ch, local, remote);
  }

  @Test
  void textMessagesOfEverySizeArriveExactlyIncludingMultiByteCharactersAtFragmentBoundaries() {
    Open o = open();
    assertThat(o.pair().a.sctp().orElseThrow().maxMessageSize()).isEqualTo(MAX);
    List<String> sent = new ArrayList<>();
    sent.add("");
    sent.add("a");
    sent.add("héllo wörld – ¿qué tal? 日本語 😀🇪🇺");
    // A 2-, 3- and 4-byte character straddling each byte offset near the fragment sizes.
    for (int boundary : new int[] {1108, 1170, 2216, 2340, 3324}) {
      for (int shift = -3; shift <= 1; shift++) {
        for (String wide : List.of("é", "€", "😀")) {
          sent.add("x".repeat(boundary + shift) + wide + "y".repeat(5));
        }
      }
    }
    sent.add("ß".repeat(32_767) + "!"); // 65535 bytes
    sent.add("€".repeat(21_845) + "x"); // 65536 bytes
    sent.add("😀".repeat(MAX / 4)); // exactly max-message-size, all 4-byte characters
    sent.add("z".repeat(MAX - 1) + "q"); // MAX bytes of ASCII
    // Lone surrogates are not USVStrings: they go as U+FFFD (W3C send: "USVString").
    sent.add("broken \uD800 pair");
    for (String s : sent) {
      o.local().send(s);
    }
    for (String s : sent) {
      String expected = s.equals("broken \uD800 pair") ? "broken \uFFFD pair" : s;
      String got = o.remote().nextText();
      assertThat(got.getBytes(StandardCharsets.UTF_8).length).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
      assertThat(got).isEqualTo(expected);
    }
    // And back, on the remote's end.
    o.remote().channel.send("€".repeat(1000));
    assertThat(o.localEvents().nextText()).isEqualTo("€".repeat(1000));
  }

  @Test
  void binaryMessagesOfEverySizeArriveByteExactWhateverTheBinaryType() {
    Open o = open();
    int[] sizes = {0, 1, 2, 1107, 1108, 1109, 1169, 1170, 1171, 2215, 2216, 2217, 2339, 2340, 2341, 3324, 3510,
        11_080, 11_700, 65_535, 65_536, 65_537, 100_000, MAX - 1, MAX};
    SplittableRandom random = new SplittableRandom(4);
    List<byte[]> sent = new ArrayList<>();
    // binaryType defaults to blob, as in browsers; either value delivers MessageEvent.Binary.
    assertThat(o.remote().channel.binaryType()).isEqualTo(BinaryType.BLOB);
    for (int size : sizes) {
      byte[] m = new byte[size];
      random.nextBytes(m);
      sent.add(m.clone());
      o.local().send(m);
      // send() copied it: changing the array afterwards changes nothing.
      Arrays.fill(m, (byte) 0x55);
    }
    for (int i = 0; i < sizes.length; i++) {
      if (i == sizes.length / 2) {
        o.remote().channel.setBinaryType(BinaryType.ARRAYBUFFER);
      }
      MessageEvent.Data d = o.remote().next();
      assertThat(d).isInstanceOf(MessageEvent.Binary.class);
      MessageEvent.Binary b = (MessageEvent.Binary) d;
      assertThat(b.length()).as("size %d", sizes[i]).isEqualTo(sizes[i]);
      assertThat(b.toArray()).as("content of the %d-byte message", sizes[i]).isEqualTo(sent.get(i));
      assertThat(b.data().isReadOnly()).isTrue();
    }
    assertThat(o.remote().channel.binaryType()).isEqualTo(BinaryType.ARRAYBUFFER);

    // send(ByteBuffer) sends the remaining bytes and leaves the position alone.
    ByteBuffer window = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5, 4});
    window.position(1).limit(4);
    o.local().send(window);
    assertThat(window.position()).isEqualTo(1);
    assertThat(o.remote().nextBinary()).containsExactly(8, 7, 6);
    // An empty binary message and an empty text message stay apart (PPID 57 vs 56).
    o.local().send(new byte[0]);
    o.local().send("");
    assertThat(o.remote().nextBinary()).isEmpty();
    assertThat(o.remote().nextText()).isEmpty();
  }

  @Test
  void aMessageOverMaxMessageSizeIsATypeErrorAndSendBeforeOpenAnInvalidStateError() {
    Pair p = loopback.pair();
    RTCDataChannel ch = p.a.createDataChannel("limits");
    Recorder local = new Recorder(ch);
    // W3C send() step 1: "If channel.[[ReadyState]] is not "open", throw an InvalidStateError".
    assertThatThrownBy(() -> ch.send("early"))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    assertThatThrownBy(() -> ch.send(new byte[1]))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    p.connect();
    await(local.opened);
    Recorder remote = p.atB.next();

    // "If the byte size of data exceeds the value of maxMessageSize ... throw a TypeError."
    assertThatThrownBy(() -> ch.send(new byte[MAX + 1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ch.send(ByteBuffer.allocate(MAX + 1))).isInstanceOf(IllegalArgumentException.class);
    // Text counts in UTF-8 bytes: 65537 characters of 4 bytes each are over, though few chars.
    assertThatThrownBy(() -> ch.send("😀".repeat(MAX / 4) + "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ch.bufferedAmount()).isZero();
    // Nothing of the refused sends was queued; the channel still works.
    ch.send("after");
    assertThat(remote.nextText()).isEqualTo("after");
    settle(p.a);
    settle(p.b);
    assertThat(remote.messages).isEmpty();

    ch.close();
    assertThatThrownBy(() -> ch.send("late"))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }

  @Test
  void twentyThousandNumberedMessagesArriveExactlyOnceInOrderUnderBufferedAmountLowFlowControl() throws Exception {
    Open o = open();
    int count = 20_000;
    long high = 256 * 1024;
    long low = 64 * 1024;
    RTCDataChannel ch = o.local();
    ch.setBufferedAmountLowThreshold(low);
    Semaphore lowEvents = new Semaphore(0);
    ch.addEventListener(RTCDataChannel.BUFFEREDAMOUNTLOW, e -> lowEvents.release());
    CompletableFuture<Void> allReceived = new CompletableFuture<>();
    List<String> problems = new CopyOnWriteArrayList<>();
    AtomicLong received = new AtomicLong();
    // Checked in the listener itself: a queue of 20,000 strings would hide nothing but cost time.
    o.remote().channel.setOnMessage(e -> {
      long n = received.getAndIncrement();
      String text = ((MessageEvent.Text) e.data()).text();
      if (!text.equals(numbered(n))) {
        problems.add("message " + n + " was " + text.substring(0, Math.min(40, text.length())));
      }
      if (n + 1 == count) {
        allReceived.complete(null);
      }
    });
    long maxBuffered = 0;
    int waits = 0;
    for (int i = 0; i < count; ) {
      if (ch.bufferedAmount() > high) {
        // Wait for bufferedamountlow; drain stale permits first, then re-check so that an
        // event between the check and the wait is not missed.
        lowEvents.drainPermits();
        if (ch.bufferedAmount() > high) {
          waits++;
          assertThat(lowEvents.tryAcquire(DataChannelLoopback.TIMEOUT_SECONDS, TimeUnit.SECONDS))
              .as("bufferedamountlow after %d messages (bufferedAmount %d)", i, ch.bufferedAmount()).isTrue();
          assertThat(ch.bufferedAmount()).isLessThanOrEqualTo(high);
        }
        continue;
      }
      ch.send(numbered(i));
      maxBuffered = Math.max(maxBuffered, ch.bufferedAmount());
      i++;
    }
    await(allReceived);
    settle(o.pair().a);
    settle(o.pair().b);
    assertThat(problems).isEmpty();
    assertThat(received.get()).as("messages received (exactly once)").isEqualTo(count);
    // The flow control really ran: the sender was held back at least once.
    assertThat(waits).isPositive();
    assertThat(maxBuffered).isGreaterThan(high);
  }

  @Test
  void bufferedAmountRisesAtSendAndFallsToZeroFiringBufferedAmountLow() {
    Open o = open();
    RTCDataChannel ch = o.local();
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> atZero = new CompletableFuture<>();
    ch.addEventListener(RTCDataChannel.BUFFEREDAMOUNTLOW, e -> {
      seen.add("low@" + ch.bufferedAmount());
      if (ch.bufferedAmount() == 0) {
        atZero.complete(null);
      }
    });
    CompletableFuture<long[]> amounts = new CompletableFuture<>();
    // Sent from a listener: the dispatch executor is busy with it, so no "bytes sent" task can
    // lower bufferedAmount in between and the values are exact (W3C: send increases it at once,
    // the decrease is a queued task).
    o.localEvents().channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
      if (amounts.isDone()) {
        return;
      }
      long before = ch.bufferedAmount();
      ch.send(new byte[100_000]);
      long afterOne = ch.bufferedAmount();
      ch.send("ü".repeat(50_000));
      long afterTwo = ch.bufferedAmount();
      amounts.complete(new long[] {before, afterOne, afterTwo});
    });
    o.remote().channel.send("go");
    long[] v = await(amounts);
    assertThat(v).containsExactly(0, 100_000, 200_000);
    await(atZero);
    assertThat(o.remote().nextBinary()).hasSize(100_000);
    assertThat(o.remote().nextText()).isEqualTo("ü".repeat(50_000));
    // Threshold 0: it fired once, when the amount reached 0.
    settle(o.pair().a);
    assertThat(seen).containsExactly("low@0");
    assertThat(ch.bufferedAmount()).isZero();

    // With a threshold, it fires once on the way down through it.
    ch.setBufferedAmountLowThreshold(150_000);
    seen.clear();
    CompletableFuture<long[]> again = new CompletableFuture<>();
    o.localEvents().channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
      if (again.isDone()) {
        return;
      }
      for (int i = 0; i < 4; i++) {
        ch.send(new byte[100_000]);
      }
      again.complete(new long[] {ch.bufferedAmount()});
    });
    o.remote().channel.send("again");
    assertThat(await(again)).containsExactly(400_000);
    settle(o.pair().a);
    awaitZero(o.pair().a, ch);
    assertThat(seen).hasSize(1);
    long at = Long.parseLong(seen.get(0).substring("low@".length()));
    assertThat(at).isLessThanOrEqualTo(150_000);
  }

  @Test
  void aFullSendBufferIsAnOperationErrorAndEveryAcceptedMessageArrives() {
    Open o = open();
    RTCDataChannel ch = o.local();
    int size = 65_536;
    CompletableFuture<long[]> result = new CompletableFuture<>();
    // Filled from a listener, so bufferedAmount cannot be lowered meanwhile and must equal the
    // accepted bytes exactly, before and after the refused send.
    o.localEvents().channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
      long accepted = 0;
      try {
        for (int i = 0; i < 10_000; i++) {
          byte[] m = numberedBinary(i, size);
          try {
            ch.send(m);
          } catch (RTCException full) {
            long amount = ch.bufferedAmount();
            result.complete(new long[] {accepted, amount, full.name().equals("OperationError") ? 1 : 0});
            return;
          }
          accepted++;
        }
        result.completeExceptionally(new AssertionError("10,000 sends of 64 KiB never filled the send buffer"));
      } catch (RuntimeException | Error t) {
        result.completeExceptionally(t);
      }
    });
    o.remote().channel.send("fill");
    long[] r = await(result);
    long accepted = r[0];
    assertThat(r[2]).as("the refusal is an OperationError").isEqualTo(1);
    assertThat(r[1]).as("bufferedAmount when the send was refused").isEqualTo(accepted * size);
    assertThat(accepted).isPositive();
    // Every accepted message arrives, in order, and none after it.
    Recorder remote = o.remote();
    for (long i = 0; i < accepted; i++) {
      byte[] got = remote.nextBinary();
      assertThat(got.length).isEqualTo(size);
      assertThat(ByteBuffer.wrap(got).getInt()).as("message %d", i).isEqualTo((int) i);
      assertThat(got).isEqualTo(numberedBinary((int) i, size));
    }
    awaitZero(o.pair().a, ch);
    settle(o.pair().b);
    assertThat(remote.messages).isEmpty();
    // Once drained the channel takes messages again.
    ch.send("still open");
    assertThat(remote.nextText()).isEqualTo("still open");
  }

  // ---------------------------------------------------------------- helpers

  private static String numbered(long n) {
    return "#" + n + ":" + "m".repeat((int) (n % 97));
  }

  private static byte[] numberedBinary(int n, int size) {
    byte[] m = new byte[size];
    ByteBuffer.wrap(m).putInt(n);
    for (int i = 4; i < size; i++) {
      m[i] = (byte) (n * 31 + i);
    }
    return m;
  }

  /** Waits until {@code ch}'s bufferedAmount is 0 (each bufferedamountlow or barrier re-checks). */
  private static void awaitZero(RTCPeerConnection pc, RTCDataChannel ch) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DataChannelLoopback.TIMEOUT_SECONDS);
    while (ch.bufferedAmount() != 0) {
      assertThat(System.nanoTime()).as("bufferedAmount %d did not reach 0", ch.bufferedAmount()).isLessThan(deadline);
      settle(pc);
    }
  }
}
