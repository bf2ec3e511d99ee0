package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The RTCDataChannel state machine and events over an in-test fake transport. Cases mirror
 * web-platform-tests webrtc/RTCDataChannel-send.html, RTCDataChannel-close.html,
 * RTCDataChannel-bufferedAmount.html and the attribute cases of RTCPeerConnection-createDataChannel.html.
 */
class RTCDataChannelTest {
  private final ManualExecutor dispatcher = new ManualExecutor();
  private final List<String> events = new ArrayList<>();

  /** Loops messages to a peer channel when flushed; holds at most {@code capacity} bytes. */
  static final class FakeTransport implements RTCDataChannel.Transport {
    long maxMessageSize = 65536;
    long capacity = 1 << 20;
    long queuedBytes;
    final List<Object[]> queued = new ArrayList<>();
    final List<RTCDataChannel> closed = new ArrayList<>();
    RTCDataChannel peer;

    @Override
    public long maxMessageSize() {
      return maxMessageSize;
    }

    @Override
    public synchronized boolean send(RTCDataChannel channel, boolean binary, ByteBuffer payload) {
      assertThat(payload.isReadOnly()).isTrue();
      if (queuedBytes + payload.remaining() > capacity) {
        return false;
      }
      queuedBytes += payload.remaining();
      queued.add(new Object[] {channel, binary, payload});
      return true;
    }

    @Override
    public void close(RTCDataChannel channel) {
      closed.add(channel);
    }

    /** Hands everything queued to the network: tells each sender, delivers to the peer. */
    void flush() {
      for (Object[] q : queued) {
        ByteBuffer p = (ByteBuffer) q[2];
        ((RTCDataChannel) q[0]).announceBytesSent(p.remaining());
        if (peer != null) {
          peer.announceMessage((Boolean) q[1], p);
        }
      }
      queued.clear();
      queuedBytes = 0;
    }
  }

  private RTCDataChannel channel(String label, RTCDataChannelInit init) {
    RTCDataChannel c = RTCDataChannel.create(label, init, dispatcher);
    for (EventType<?> t : List.of(RTCDataChannel.OPEN, RTCDataChannel.BUFFEREDAMOUNTLOW, RTCDataChannel.CLOSING,
        RTCDataChannel.CLOSE)) {
      c.addEventListener(t.name(), e -> events.add(e.type() + "@" + c.readyState().w3cName()));
    }
    c.addEventListener(RTCDataChannel.ERROR, e -> events.add("error:" + e.error().errorDetail().w3cName()));
    return c;
  }

  private RTCDataChannel openChannel(FakeTransport transport) {
    RTCDataChannel c = channel("test", RTCDataChannelInit.DEFAULT);
    assertThat(c.attachTransport(transport)).isTrue();
    c.announceOpen();
    dispatcher.runAll();
    events.clear();
    return c;
  }

  private static void assertRtcError(ThrowingCallable call, String name) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo(name));
  }

  @Test
  void attributesDefaultAsCreateDataChannelDoes() {
    // 'createDataChannel attribute default values'
    RTCDataChannel c = channel("", RTCDataChannelInit.DEFAULT);
    assertThat(c.label()).isEmpty();
    assertThat(c.ordered()).isTrue();
    assertThat(c.maxPacketLifeTime()).isEmpty();
    assertThat(c.maxRetransmits()).isEmpty();
    assertThat(c.protocol()).isEmpty();
    assertThat(c.negotiated()).isFalse();
    assertThat(c.id()).isEmpty();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
    assertThat(c.bufferedAmount()).isZero();
    assertThat(c.bufferedAmountLowThreshold()).isZero();
    assertThat(c.binaryType()).isEqualTo(BinaryType.BLOB);
    assertThat(c.priority()).isEqualTo(RTCPriorityType.LOW);
  }

  @Test
  void attributesTakeTheProvidedValues() {
    // 'createDataChannel with provided parameters should initialize attributes to provided values'
    RTCDataChannel c = channel("test", RTCDataChannelInit.builder().ordered(false).maxRetransmits(1)
        .protocol("custom").negotiated(true).id(3).build());
    assertThat(c.label()).isEqualTo("test");
    assertThat(c.ordered()).isFalse();
    assertThat(c.maxPacketLifeTime()).isEmpty();
    assertThat(c.maxRetransmits()).hasValue(1);
    assertThat(c.protocol()).isEqualTo("custom");
    assertThat(c.negotiated()).isTrue();
    assertThat(c.id()).hasValue(3);
    RTCDataChannel c2 = channel("test2", RTCDataChannelInit.builder().ordered(false).maxPacketLifeTime(42).build());
    assertThat(c2.maxPacketLifeTime()).hasValue(42);
    assertThat(c2.maxRetransmits()).isEmpty();
    // 'createDataChannel with label lone surrogate should succeed' → U+FFFD
    assertThat(channel("\uD800", RTCDataChannelInit.DEFAULT).label()).isEqualTo("\uFFFD");
  }

  @Test
  void creationAppliesTheInitValidation() {
    assertThatThrownBy(() -> RTCDataChannel.create("l".repeat(65536), RTCDataChannelInit.DEFAULT, dispatcher))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
  }

  @Test
  void sendWhileConnectingIsAnInvalidStateError() {
    // 'Calling send() when data channel is in connecting state should throw InvalidStateError'
    RTCDataChannel c = channel("test", RTCDataChannelInit.DEFAULT);
    assertRtcError(() -> c.send("hello"), "InvalidStateError");
    c.attachTransport(new FakeTransport());
    assertRtcError(() -> c.send("hello"), "InvalidStateError"); // attached but not yet announced open
  }

  @Test
  void openFiresInATaskAfterWhichSendWorks() {
    RTCDataChannel c = channel("test", RTCDataChannelInit.DEFAULT);
    c.attachTransport(new FakeTransport());
    c.announceOpen();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
    dispatcher.runAll();
    assertThat(events).containsExactly("open@open");
    assertThatCode(() -> c.send("hello")).doesNotThrowAnyException();
  }

  @Test
  void stringsBinaryAndBuffersArriveAsSentAndCountInBufferedAmount() {
    // 'should be able to send simple string / unicode string / Uint8Array ... and receive'
    FakeTransport t = new FakeTransport();
    RTCDataChannel sender = openChannel(t);
    RTCDataChannel receiver = openChannel(new FakeTransport());
    t.peer = receiver;
    List<MessageEvent.Data> got = new ArrayList<>();
    receiver.setOnMessage(e -> got.add(e.data()));
    receiver.setBinaryType(BinaryType.ARRAYBUFFER);

    byte[] hello = {0x68, 0x65, 0x6c, 0x6c, 0x6f};
    sender.send("hello");
    sender.send("世界你好"); // 12 bytes of UTF-8
    sender.send(hello);
    ByteBuffer buf = ByteBuffer.allocate(16).put(hello).flip();
    sender.send(buf);
    assertThat(buf.position()).isZero(); // not consumed
    assertThat(sender.bufferedAmount()).isEqualTo(5 + 12 + 5 + 5);

    t.flush();
    dispatcher.runAll();
    assertThat(sender.bufferedAmount()).isZero();
    assertThat(got).containsExactly(new MessageEvent.Text("hello"), new MessageEvent.Text("世界你好"),
        MessageEvent.Binary.copyOf(hello), MessageEvent.Binary.copyOf(hello));
  }

  @Test
  void sentBytesAreCopiedBeforeSendReturns() {
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = openChannel(t);
    byte[] data = {1, 2, 3};
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {4, 5, 6});
    c.send(data);
    c.send(buffer);
    data[0] = 9;
    buffer.put(0, (byte) 9);
    assertThat(((ByteBuffer) t.queued.get(0)[2]).get(0)).isEqualTo((byte) 1);
    assertThat(((ByteBuffer) t.queued.get(1)[2]).get(0)).isEqualTo((byte) 4);
  }

  @Test
  void binaryMessagesAreReadOnlyAndEachListenerGetsItsOwnView() {
    RTCDataChannel c = openChannel(new FakeTransport());
    List<Integer> seen = new ArrayList<>();
    EventListener<MessageEvent> drain = e -> {
      ByteBuffer b = ((MessageEvent.Binary) e.data()).data();
      assertThat(b.isReadOnly()).isTrue();
      seen.add(b.remaining());
      b.position(b.limit()); // consuming this view must not affect the next listener
    };
    c.addEventListener(RTCDataChannel.MESSAGE, drain);
    c.addEventListener(RTCDataChannel.MESSAGE, e -> drain.handleEvent(e));
    c.announceMessage(true, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    dispatcher.runAll();
    assertThat(seen).containsExactly(4, 4);
  }

  @Test
  void messagesAreDroppedOnceTheChannelIsNoLongerOpen() {
    RTCDataChannel c = openChannel(new FakeTransport());
    List<MessageEvent> got = new ArrayList<>();
    c.setOnMessage(got::add);
    c.announceMessage(false, ByteBuffer.wrap("late".getBytes(StandardCharsets.UTF_8)));
    c.close();
    dispatcher.runAll();
    assertThat(got).isEmpty();
  }

  @Test
  void sendAboveMaxMessageSizeIsATypeError() {
    // 'send() up to max size should succeed, above max size should fail'
    FakeTransport t = new FakeTransport();
    t.maxMessageSize = 16;
    RTCDataChannel c = openChannel(t);
    assertThatCode(() -> c.send(new byte[16])).doesNotThrowAnyException();
    assertThatThrownBy(() -> c.send(new byte[17])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageSize");
    // text is measured in UTF-8 bytes: 6 × 3 bytes = 18 > 16
    assertThatThrownBy(() -> c.send("世界你好世界")).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.bufferedAmount()).isEqualTo(16);
  }

  @Test
  void sendWithAFullBufferIsAnOperationErrorAndCountsNothing() {
    FakeTransport t = new FakeTransport();
    t.capacity = 10;
    RTCDataChannel c = openChannel(t);
    c.send(new byte[8]);
    assertRtcError(() -> c.send(new byte[3]), "OperationError");
    assertThat(c.bufferedAmount()).isEqualTo(8);
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.OPEN);
  }

  @Test
  void bufferedAmountLowFiresWhenFallingFromAboveToAtOrBelowTheThreshold() {
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = openChannel(t);
    c.setBufferedAmountLowThreshold(10);
    c.send(new byte[8]); // 8: not above the threshold, so draining it fires nothing
    t.flush();
    dispatcher.runAll();
    assertThat(events).isEmpty();
    c.send(new byte[8]);
    c.send(new byte[8]); // 16 > 10
    c.announceBytesSent(4); // 12: still above
    dispatcher.runAll();
    assertThat(events).isEmpty();
    c.announceBytesSent(2); // 10: at the threshold
    dispatcher.runAll();
    assertThat(events).containsExactly("bufferedamountlow@open");
    c.announceBytesSent(10);
    dispatcher.runAll();
    assertThat(events).hasSize(1);
    assertThat(c.bufferedAmount()).isZero();
    assertThatThrownBy(() -> c.setBufferedAmountLowThreshold(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeMovesToClosingAtOnceAndFiresOnlyCloseWhenTheTransportIsDone() {
    // RTCDataChannel-close.html: close() → readyState closing synchronously; no closing event
    // for a locally initiated close; close event once closed.
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = openChannel(t);
    c.close();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSING);
    assertThat(t.closed).containsExactly(c);
    assertRtcError(() -> c.send("x"), "InvalidStateError");
    c.close(); // already closing: nothing more
    assertThat(t.closed).hasSize(1);
    c.announceClosing();
    c.announceClosed(null);
    dispatcher.runAll();
    assertThat(events).containsExactly("close@closed");
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
  }

  @Test
  void aRemoteCloseFiresClosingThenClose() {
    RTCDataChannel c = openChannel(new FakeTransport());
    c.announceClosing();
    dispatcher.runAll();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSING);
    c.announceClosed(null);
    c.announceClosed(null); // a second announcement is ignored
    dispatcher.runAll();
    assertThat(events).containsExactly("closing@closing", "close@closed");
  }

  @Test
  void closingWithAnErrorFiresErrorBeforeClose() {
    RTCDataChannel c = openChannel(new FakeTransport());
    c.announceClosed(RTCError.sctp("association aborted", 12));
    dispatcher.runAll();
    assertThat(events).containsExactly("error:sctp-failure", "close@closed");
  }

  @Test
  void closeBeforeAnyTransportClosesWithoutOne() {
    RTCDataChannel c = channel("test", RTCDataChannelInit.DEFAULT);
    c.close();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSING);
    dispatcher.runAll();
    assertThat(events).containsExactly("close@closed");
    assertThat(c.attachTransport(new FakeTransport())).isFalse();
    c.announceOpen(); // too late: never reopens
    dispatcher.runAll();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(events).containsExactly("close@closed");
  }

  @Test
  void remoteChannelsStartOpenWithTheirStreamId() {
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = RTCDataChannel.remote("chat", RTCDataChannelInit.builder().protocol("p").build(), 7, t,
        dispatcher);
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.OPEN);
    assertThat(c.id()).hasValue(7);
    assertThat(c.negotiated()).isFalse();
    assertThatCode(() -> c.send("hi")).doesNotThrowAnyException();
  }

  @Test
  void anIdIsAssignedOnceTheDtlsRoleIsKnown() {
    RTCDataChannel c = channel("test", RTCDataChannelInit.DEFAULT);
    c.assignId(1);
    assertThat(c.id()).hasValue(1);
    assertThatThrownBy(() -> c.assignId(65535)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectionCloseClosesSilently() {
    RTCDataChannel c = openChannel(new FakeTransport());
    c.closeWithoutEvents();
    dispatcher.runAll();
    assertThat(c.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(events).isEmpty();
  }

  @Test
  void loneSurrogatesAreSentAsReplacementCharacters() {
    // send(USVString): WebIDL converts lone surrogates to U+FFFD before UTF-8 encoding.
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = openChannel(t);
    c.send("a\uD800");
    ByteBuffer sent = (ByteBuffer) t.queued.get(0)[2];
    byte[] bytes = new byte[sent.remaining()];
    sent.duplicate().get(bytes);
    assertThat(bytes).containsExactly('a', 0xEF, 0xBF, 0xBD);
    assertThat(c.bufferedAmount()).isEqualTo(4);
  }

  @Test
  void concurrentSendersAreAllCountedAndQueuedInOrderPerThread() throws Exception {
    FakeTransport t = new FakeTransport();
    RTCDataChannel c = openChannel(t);
    int threads = 4;
    int perThread = 500;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      byte tag = (byte) i;
      done.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        for (int n = 0; n < perThread; n++) {
          c.send(new byte[] {tag, (byte) (n >> 8), (byte) n});
        }
      }));
    }
    start.countDown();
    java.util.concurrent.CompletableFuture.allOf(done.toArray(new java.util.concurrent.CompletableFuture[0]))
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(c.bufferedAmount()).isEqualTo(threads * perThread * 3L);
    assertThat(t.queued).hasSize(threads * perThread);
    int[] next = new int[threads];
    for (Object[] q : t.queued) {
      ByteBuffer p = (ByteBuffer) q[2];
      int tag = p.get(0);
      int n = ((p.get(1) & 0xff) << 8) | (p.get(2) & 0xff);
      assertThat(n).isEqualTo(next[tag]++);
    }
  }
}
