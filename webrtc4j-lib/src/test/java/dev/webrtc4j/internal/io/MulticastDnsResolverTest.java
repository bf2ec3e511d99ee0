package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.io.mdns.MdnsMessage;
import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resolver's logic over an in-memory transport and virtual time: no sockets at all. */
class MulticastDnsResolverTest {
  static final String NAME = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b.local";
  static final long SECOND = 1_000_000_000L;

  /** Records what is sent; the test plays the responder by calling {@link #deliver}. */
  static final class FakeTransport implements MulticastDnsResolver.Transport {
    final List<Long> sentAt = new ArrayList<>();
    final List<ByteBuffer> sent = new ArrayList<>();
    final ManualScheduler clock;
    @Nullable Consumer<ByteBuffer> receiver;
    boolean closed;

    FakeTransport(ManualScheduler clock) {
      this.clock = clock;
    }

    @Override
    public void start(Consumer<ByteBuffer> receiver) {
      this.receiver = receiver;
    }

    @Override
    public void send(ByteBuffer query) {
      sentAt.add(clock.now);
      sent.add(query);
    }

    void deliver(String hex) {
      receiver.accept(Bytes.fromHex(hex).asReadOnlyBuffer());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Virtual time: tasks run only when the test advances the clock. */
  static final class ManualScheduler implements MulticastDnsResolver.Scheduler {
    record Task(long due, long seq, Runnable run, boolean[] cancelled) {}

    long now = 1000 * SECOND;
    long seq;
    final PriorityQueue<Task> tasks =
        new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public Runnable schedule(long delayNanos, Runnable task) {
      boolean[] cancelled = {false};
      tasks.add(new Task(now + delayNanos, seq++, task, cancelled));
      return () -> cancelled[0] = true;
    }

    void advance(long nanos) {
      long target = now + nanos;
      while (!tasks.isEmpty() && tasks.peek().due <= target) {
        Task t = tasks.poll();
        now = t.due;
        if (!t.cancelled[0]) {
          t.run.run();
        }
      }
      now = target;
    }

    long live() {
      return tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
  }

  record Result(String name, @Nullable InetAddress address, long at) {}

  ManualScheduler clock;
  FakeTransport transport;
  MulticastDnsResolver resolver;
  final List<Result> results = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    clock = new ManualScheduler();
    transport = new FakeTransport(clock);
    resolver = new MulticastDnsResolver(transport, clock, MulticastDnsResolver.Options.defaults());
  }

  @AfterEach
  void tearDown() {
    resolver.close();
    assertThat(transport.closed).isTrue();
  }

  MulticastDnsResolver.Callback collect() {
    return (name, address) -> results.add(new Result(name, address, clock.now));
  }

  /** A response with one A record (and optionally an AAAA) for {@code name}, TTL {@code ttl}. */
  static String response(String name, String ipv4Hex, long ttl) {
    StringBuilder h = new StringBuilder("0000" + "8400" + "0000" + "0001" + "0000" + "0000");
    for (String label : name.split("\\.")) {
      h.append(String.format("%02x", label.length())).append(Bytes.of(label.getBytes()).toHex());
    }
    h.append("00").append("0001").append("8001").append(String.format("%08x", ttl)).append("0004").append(ipv4Hex);
    return h.toString();
  }

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void sendsAQuQueryAndReportsTheAnswer() throws Exception {
    resolver.resolve(NAME, collect());
    clock.advance(0);
    assertThat(transport.sent).hasSize(1);
    MdnsMessage q = MdnsMessage.parse(transport.sent.get(0).duplicate());
    assertThat(q.questions()).allSatisfy(question -> {
      assertThat(question.name()).isEqualTo(NAME);
      assertThat(question.unicastResponse()).isTrue();
    });
    clock.advance(SECOND / 10);
    transport.deliver(response(NAME, "c0a80105", 120));
    assertThat(results).containsExactly(new Result(NAME, ip("192.168.1.5"), clock.now));
    clock.advance(10 * SECOND);
    assertThat(transport.sent).hasSize(1); // retries cancelled
    assertThat(results).hasSize(1); // no late "unresolved"
    assertThat(clock.live()).isZero();
  }

  @Test
  void resendsAtZeroOneAndThreeSecondsThenGivesUpAtFive() {
    long start = clock.now;
    resolver.resolve(NAME, collect());
    clock.advance(4 * SECOND);
    assertThat(transport.sentAt).containsExactly(start, start + SECOND, start + 3 * SECOND);
    assertThat(results).isEmpty();
    clock.advance(SECOND);
    assertThat(results).containsExactly(new Result(NAME, null, start + 5 * SECOND));
    clock.advance(60 * SECOND);
    assertThat(transport.sent).hasSize(3);
  }

  @Test
  void timeoutIsConfigurable() throws Exception {
    resolver.close();
    transport = new FakeTransport(clock);
    resolver = new MulticastDnsResolver(transport, clock,
        new MulticastDnsResolver.Options(List.of(Duration.ZERO, Duration.ofMillis(500)), Duration.ofSeconds(2), 4,
            Duration.ofMinutes(1)));
    long start = clock.now;
    resolver.resolve(NAME, collect());
    clock.advance(2 * SECOND);
    assertThat(transport.sentAt).containsExactly(start, start + SECOND / 2);
    assertThat(results).containsExactly(new Result(NAME, null, start + 2 * SECOND));
  }

  @Test
  void coalescesConcurrentRequestsForOneName() throws Exception {
    resolver.resolve(NAME, collect());
    clock.advance(SECOND / 2);
    resolver.resolve(NAME.toUpperCase(), collect());
    clock.advance(SECOND); // the 1 s resend only
    assertThat(transport.sent).hasSize(2);
    transport.deliver(response(NAME, "0a000001", 120));
    assertThat(results).containsExactly(
        new Result(NAME, ip("10.0.0.1"), clock.now), new Result(NAME.toUpperCase(), ip("10.0.0.1"), clock.now));
  }

  @Test
  void coalescedRequestsAllTimeOutOnce() {
    resolver.resolve(NAME, collect());
    resolver.resolve(NAME, collect());
    clock.advance(5 * SECOND);
    assertThat(transport.sent).hasSize(3);
    assertThat(results).extracting(Result::address).containsExactly(null, null);
  }

  @Test
  void answersFromTheCacheUntilTheTtlEnds() throws Exception {
    resolver.resolve(NAME, collect());
    clock.advance(0);
    transport.deliver(response(NAME, "0a000001", 10));
    clock.advance(9 * SECOND);
    resolver.resolve(NAME, collect());
    assertThat(transport.sent).hasSize(1); // the first query only
    assertThat(results).extracting(Result::address).containsExactly(ip("10.0.0.1"), ip("10.0.0.1"));
    clock.advance(2 * SECOND);
    resolver.resolve(NAME, collect());
    clock.advance(0);
    assertThat(transport.sent).hasSize(2); // expired: asked again
    assertThat(results).hasSize(2);
  }

  @Test
  void goodbyeRecordsRemoveTheCacheEntry() {
    resolver.resolve(NAME, collect());
    transport.deliver(response(NAME, "0a000001", 120));
    assertThat(resolver.cacheSize()).isOne();
    transport.deliver(response(NAME, "0a000001", 0));
    assertThat(resolver.cacheSize()).isZero();
  }

  @Test
  void ignoresOtherNamesQueriesAndMalformedDatagrams() throws Exception {
    resolver.resolve(NAME, collect());
    transport.deliver(response("someone-else.local", "0a000001", 120));
    transport.deliver("0000840000010000"); // truncated
    transport.deliver("0000840000000001000000000000c00c"); // pointer loop
    String query = response(NAME, "0a000001", 120).replaceFirst("^00008400", "00000000"); // QR = 0
    transport.deliver(query);
    String badRcode = response(NAME, "0a000001", 120).replaceFirst("^00008400", "00008403");
    transport.deliver(badRcode);
    assertThat(results).isEmpty();
    assertThat(resolver.cacheSize()).isZero(); // unsolicited names are not cached
    transport.deliver(response(NAME, "0a000002", 120));
    assertThat(results).containsExactly(new Result(NAME, ip("10.0.0.2"), clock.now));
  }

  @Test
  void takesAnAnswerFromAMultiRecordResponseWithCompression() throws Exception {
    resolver.resolve("abcd.local", collect());
    transport.deliver(dev.webrtc4j.internal.io.mdns.MdnsMessageTestVectors.RESPONSE_HEX);
    assertThat(results).containsExactly(new Result("abcd.local", ip("192.168.1.5"), clock.now));
  }

  @Test
  void badNamesFailAtOnceWithoutSending() {
    resolver.resolve("example.com", collect());
    resolver.resolve("a..local", collect());
    assertThat(results).extracting(Result::address).containsExactly(null, null);
    clock.advance(10 * SECOND);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void closeFailsOutstandingRequests() {
    resolver.resolve(NAME, collect());
    resolver.close();
    assertThat(results).containsExactly(new Result(NAME, null, clock.now));
    resolver.resolve(NAME, collect());
    assertThat(results).hasSize(2);
    clock.advance(10 * SECOND);
    assertThat(results).hasSize(2);
  }
}
