package dev.webrtc4j.cli.interop;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The messages received on one channel, in arrival order, with a timed {@link #take}. */
final class Inbox {
  /** Queued when the channel closes, so a waiting take() fails at once instead of timing out. */
  private static final Object CLOSED = new Object();

  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  Inbox(RTCDataChannel channel) {
    channel.addEventListener(RTCDataChannel.MESSAGE, m -> items.add(m.data()));
    channel.addEventListener(RTCDataChannel.CLOSE, e -> {
      closed = true;
      items.add(CLOSED);
    });
  }

  MessageEvent.Data take(Duration timeout, String what) throws CaseFailure, InterruptedException {
    Object o = items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (o == null) {
      throw new CaseFailure("timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }
    if (o == CLOSED) {
      items.add(CLOSED); // stays closed for the next take
      throw new CaseFailure("channel closed while waiting for " + what);
    }
    return (MessageEvent.Data) o;
  }

  boolean closed() {
    return closed;
  }
}
