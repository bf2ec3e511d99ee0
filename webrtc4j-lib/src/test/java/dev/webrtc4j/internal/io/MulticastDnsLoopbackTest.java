package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.io.mdns.MdnsMessage;
import dev.webrtc4j.internal.io.mdns.MdnsQuestion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One real round trip through {@link MdnsUdpTransport}: a fake responder on 127.0.0.1 stands in
 * for the multicast group. Loopback unicast only; no group is joined.
 */
class MulticastDnsLoopbackTest {
  static final String NAME = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9.local";

  @Test
  void resolvesThroughAFakeResponderOnLoopback() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (DatagramChannel responder = DatagramChannel.open()) {
      responder.bind(new InetSocketAddress(loopback, 0));
      InetSocketAddress responderAddress = (InetSocketAddress) responder.getLocalAddress();
      CompletableFuture<List<MdnsQuestion>> asked = new CompletableFuture<>();
      Thread responderThread = Thread.ofPlatform().daemon().start(() -> {
        try {
          ByteBuffer in = ByteBuffer.allocate(9000);
          InetSocketAddress from = (InetSocketAddress) responder.receive(in);
          assertThat(from.getAddress().isLoopbackAddress()).isTrue();
          asked.complete(MdnsMessage.parse(in.flip()).questions());
          String reply = MulticastDnsResolverTest.response(NAME, "7f000001", 120);
          responder.send(dev.webrtc4j.internal.util.Bytes.fromHex(reply).asReadOnlyBuffer(), from);
        } catch (Exception e) {
          asked.completeExceptionally(e);
        }
      });
      MdnsUdpTransport transport = MdnsUdpTransport.unicast(new InetSocketAddress(loopback, 0), responderAddress);
      try (MulticastDnsResolver resolver = new MulticastDnsResolver(transport,
          MulticastDnsResolver.executorScheduler(executor),
          MulticastDnsResolver.Options.defaults().withTimeout(Duration.ofSeconds(20)))) {
        assertThat(transport.localAddresses()).allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).isTrue());
        CompletableFuture<InetAddress> result = new CompletableFuture<>();
        resolver.resolve(NAME, (name, address) -> {
          if (address == null) {
            result.completeExceptionally(new AssertionError("unresolved " + name));
          } else {
            result.complete(address);
          }
        });
        assertThat(asked.get(20, TimeUnit.SECONDS)).extracting(MdnsQuestion::type)
            .containsExactly(MdnsMessage.TYPE_A, MdnsMessage.TYPE_AAAA);
        assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(loopback);
      }
      responderThread.join(5000);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
