package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.io.mdns.MdnsMessage;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The responder for our hidden host names, against the real resolver, over an in-memory "group". */
class MdnsResponderTest {
  static final String NAME = "5b8e5f2e-7a3c-4d61-9e0f-2b3c4d5e6f70.local";

  /** Both ends of an in-memory multicast group: what one sends, the other receives. */
  static final class Wire implements MulticastDnsResolver.Transport {
    Wire peer;
    Consumer<ByteBuffer> receiver;
    final List<ByteBuffer> sent = new ArrayList<>();

    @Override
    public void start(Consumer<ByteBuffer> receiver) {
      this.receiver = receiver;
    }

    @Override
    public synchronized void send(ByteBuffer message) {
      sent.add(message.duplicate());
      if (peer != null && peer.receiver != null) {
        peer.receiver.accept(message.duplicate());
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void answersQueriesForRegisteredNamesOnlyWithTheRightRecordType() throws Exception {
    Wire wire = new Wire();
    MdnsResponder responder = new MdnsResponder(wire);
    InetAddress v4 = InetAddress.getByName("192.0.2.7");
    responder.register(NAME, v4);
    wire.receiver.accept(MdnsMessage.encodeQuery(NAME));
    assertThat(wire.sent).hasSize(1); // the A question is answered, the AAAA one is not
    MdnsMessage response = MdnsMessage.parse(wire.sent.get(0));
    assertThat(response.isResponse()).isTrue();
    assertThat(response.addressesFor(NAME)).containsExactly(v4);
    wire.receiver.accept(MdnsMessage.encodeQuery("someone-else.local"));
    wire.receiver.accept(MdnsMessage.encodeResponse(NAME, v4, 120));
    assertThat(wire.sent).as("unknown names and responses are not answered").hasSize(1);
    responder.unregister(NAME);
    wire.receiver.accept(MdnsMessage.encodeQuery(NAME));
    assertThat(wire.sent).hasSize(1);
    assertThat(responder.answered()).isEqualTo(1);
  }

  @Test
  void theResolverResolvesANameTheResponderPublishes() throws Exception {
    Wire resolverSide = new Wire();
    Wire responderSide = new Wire();
    resolverSide.peer = responderSide;
    responderSide.peer = resolverSide;
    MdnsResponder responder = new MdnsResponder(responderSide);
    InetAddress v6 = InetAddress.getByName("2001:db8::42");
    responder.register(NAME, v6);
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (MulticastDnsResolver resolver = new MulticastDnsResolver(resolverSide,
        MulticastDnsResolver.executorScheduler(executor),
        MulticastDnsResolver.Options.defaults().withTimeout(Duration.ofSeconds(20)))) {
      CompletableFuture<InetAddress> result = new CompletableFuture<>();
      resolver.resolve(NAME, (name, address) -> result.complete(address));
      assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(v6);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
