package dev.webrtc4j.cli.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The echo's flow control against a scripted channel: nothing lost, nothing unbounded. */
class ChannelEchoTest {
  private static final EchoLimits LIMITS = new EchoLimits(1000, 200, 3000);

  /** A channel whose buffer the test drains by hand, and which can refuse sends. */
  private static class FakeChannel implements EchoTarget {
    final List<MessageEvent.Data> sent = new ArrayList<>();
    long buffered;
    RTCException refuse;
    boolean closed;

    @Override public String label() {
      return "fake";
    }

    @Override public long bufferedAmount() {
      return buffered;
    }

    @Override public void send(MessageEvent.Data data) {
      if (refuse != null) {
        throw refuse;
      }
      sent.add(data);
      buffered += ChannelEcho.byteLength(data);
    }

    @Override public void close() {
      closed = true;
    }
  }

  private final FakeChannel channel = new FakeChannel();
  private final AtomicLong sessionBacklog = new AtomicLong();
  private final List<ChannelEcho> retries = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final ChannelEcho echo = new ChannelEcho(channel, LIMITS, sessionBacklog, retries::add, log::add);

  private static MessageEvent.Data bin(int size, int fill) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) fill);
    return MessageEvent.Binary.copyOf(b);
  }

  @Test
  void echoesTextAsTextAndBinaryAsBinaryAtOnceWhileTheBufferIsLow() {
    MessageEvent.Data text = new MessageEvent.Text("héllo ✓");
    MessageEvent.Data empty = new MessageEvent.Text("");
    MessageEvent.Data binary = bin(10, 7);
    echo.onMessage(text);
    echo.onMessage(empty);
    echo.onMessage(binary);
    assertThat(channel.sent).containsExactly(text, empty, binary);
    assertThat(echo.echoed()).isEqualTo(3);
    assertThat(sessionBacklog).hasValue(0);
  }

  @Test
  void queuesAboveTheHighWaterMarkAndDrainsInOrderOnBufferedAmountLow() {
    echo.onMessage(bin(600, 1));
    echo.onMessage(bin(300, 2)); // 900 <= 1000: sent
    echo.onMessage(bin(300, 3)); // 1200 > 1000: waits
    echo.onMessage(bin(10, 4)); // behind it, even though it would fit
    assertThat(channel.sent).containsExactly(bin(600, 1), bin(300, 2));
    assertThat(echo.backlogBytes()).isEqualTo(310);
    assertThat(sessionBacklog).hasValue(310);

    channel.buffered = 200; // the library sent most of it and fired bufferedamountlow
    echo.onBufferedAmountLow();
    assertThat(channel.sent).containsExactly(bin(600, 1), bin(300, 2), bin(300, 3), bin(10, 4));
    assertThat(sessionBacklog).hasValue(0);
    assertThat(retries).isEmpty();
  }

  @Test
  void aFullSharedSendBufferKeepsTheMessageAndAsksForOneRetry() {
    channel.refuse = new RTCException(RTCException.Name.OPERATION_ERROR, "send: the send buffer is full");
    echo.onMessage(new MessageEvent.Text("a"));
    echo.onMessage(new MessageEvent.Text("b"));
    assertThat(channel.sent).isEmpty();
    assertThat(retries).containsExactly(echo); // one pending retry, not one per message

    channel.refuse = null;
    echo.retry();
    assertThat(channel.sent).containsExactly(new MessageEvent.Text("a"), new MessageEvent.Text("b"));
    assertThat(sessionBacklog).hasValue(0);
  }

  @Test
  void asksForARetryWhenNoBufferedAmountLowCanCome() {
    // 150 buffered (under the 200 low mark) + a 900-byte message > 1000: waiting for
    // bufferedamountlow would wait forever, the buffer never rises above the low mark.
    channel.buffered = 150;
    echo.onMessage(bin(900, 1));
    assertThat(channel.sent).isEmpty();
    assertThat(retries).containsExactly(echo);
    channel.buffered = 0;
    echo.retry();
    assertThat(channel.sent).containsExactly(bin(900, 1));
  }

  @Test
  void closesTheChannelWhenTheSessionBacklogWouldExceedItsBound() {
    channel.buffered = 1000;
    echo.onMessage(bin(1500, 1));
    echo.onMessage(bin(1500, 2)); // 3000: at the bound, kept
    assertThat(channel.closed).isFalse();
    echo.onMessage(bin(1, 3)); // 3001: over
    assertThat(channel.closed).isTrue();
    assertThat(log).containsExactly("channel 'fake' closed: the client sent 1 more bytes while the session's echo "
        + "backlog held 3000 bytes (bound 3000): it does not read its echoes fast enough");
    assertThat(sessionBacklog).hasValue(0); // released for the session's other channels
    channel.buffered = 0;
    echo.onBufferedAmountLow();
    echo.onMessage(bin(1, 4));
    assertThat(channel.sent).isEmpty();
  }

  @Test
  void theBoundIsSharedByTheChannelsOfASession() {
    FakeChannel other = new FakeChannel();
    ChannelEcho otherEcho = new ChannelEcho(other, LIMITS, sessionBacklog, retries::add, log::add);
    channel.buffered = 1000;
    other.buffered = 1000;
    echo.onMessage(bin(2000, 1));
    otherEcho.onMessage(bin(1000, 2));
    assertThat(sessionBacklog).hasValue(3000);
    otherEcho.onMessage(bin(1, 3));
    assertThat(other.closed).isTrue();
    assertThat(channel.closed).isFalse();
    assertThat(sessionBacklog).hasValue(2000);
  }

  @Test
  void stopsWhenTheChannelIsNoLongerOpen() {
    channel.buffered = 1000;
    echo.onMessage(bin(100, 1));
    assertThat(sessionBacklog).hasValue(100);
    channel.refuse = new RTCException(RTCException.Name.INVALID_STATE_ERROR, "send: readyState is closing, not open");
    channel.buffered = 0;
    echo.onBufferedAmountLow();
    assertThat(sessionBacklog).hasValue(0);
    assertThat(channel.closed).isFalse(); // it is closing already
    channel.refuse = null;
    echo.onMessage(bin(1, 2));
    assertThat(channel.sent).isEmpty();
  }

  @Test
  void onCloseReleasesTheBacklog() {
    channel.buffered = 1000;
    echo.onMessage(bin(100, 1));
    echo.onClose();
    assertThat(sessionBacklog).hasValue(0);
  }

  @Test
  void aMessageLargerThanThePeerAcceptsClosesTheChannel() {
    FakeChannel small = new FakeChannel() {
      @Override public void send(MessageEvent.Data data) {
        throw new IllegalArgumentException("send: message of 70000 bytes exceeds maxMessageSize 65536");
      }
    };
    ChannelEcho e = new ChannelEcho(small, LIMITS, sessionBacklog, retries::add, log::add);
    e.onMessage(bin(700, 1));
    assertThat(small.closed).isTrue();
    assertThat(log).containsExactly("channel 'fake' closed: cannot echo a message of 700 bytes: "
        + "send: message of 70000 bytes exceeds maxMessageSize 65536");
  }

  @Test
  void countsTextAsUtf8BytesWithLoneSurrogatesAsReplacementCharacters() {
    // The library sends a lone surrogate as U+FFFD (3 bytes); the JDK encoder would write '?'.
    String[] texts = {"", "a", "é", "✓", "😀", "a😀é✓", "\uD800x", "x\uDC00"};
    long[] bytes = {0, 1, 2, 3, 4, 10, 4, 4};
    for (int i = 0; i < texts.length; i++) {
      assertThat(ChannelEcho.byteLength(new MessageEvent.Text(texts[i]))).as(texts[i]).isEqualTo(bytes[i]);
    }
  }
}
