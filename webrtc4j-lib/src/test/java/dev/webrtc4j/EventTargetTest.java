package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The DOM EventTarget rules our targets follow (DOM §2.7, HTML §8.1.8 event handlers). */
class EventTargetTest {
  private static final EventType<Event> PING = EventType.plain("ping");
  private static final EventType<Event> PONG = EventType.plain("pong");

  private final ManualExecutor dispatcher = new ManualExecutor();
  private final Target target = new Target(dispatcher);
  private final List<String> calls = new ArrayList<>();

  static final class Target extends EventTarget {
    Target(java.util.concurrent.Executor dispatcher) {
      super(dispatcher);
    }

    void setOnPing(EventListener<? super Event> handler) {
      setEventHandler(PING, handler);
    }

    void fire(String type) {
      fireEvent(Event.of(type));
    }
  }

  private EventListener<Event> record(String name) {
    return e -> calls.add(name + ":" + e.type());
  }

  @Test
  void firingIsDeferredToTheDispatcher() {
    target.addEventListener(PING, record("a"));
    target.fire("ping");
    assertThat(calls).isEmpty();
    assertThat(dispatcher.runAll()).isEqualTo(1);
    assertThat(calls).containsExactly("a:ping");
  }

  @Test
  void listenersRunInRegistrationOrderAndOnlyForTheirType() {
    target.addEventListener(PING, record("a"));
    target.addEventListener("pong", record("b"));
    target.addEventListener("ping", record("c"));
    target.fire("ping");
    target.fire("pong");
    dispatcher.runAll();
    assertThat(calls).containsExactly("a:ping", "c:ping", "b:pong");
  }

  @Test
  void addingTheSameListenerTwiceHasNoEffectAndRemovingAnAbsentOneIsHarmless() {
    EventListener<Event> a = record("a");
    target.addEventListener(PING, a);
    target.addEventListener(PING, a);
    target.removeEventListener(PONG, a);
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("a:ping");
    target.removeEventListener(PING, a);
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("a:ping");
  }

  @Test
  void theHandlerTakesItsPlaceWhenFirstSetAndKeepsItWhenReplaced() {
    target.addEventListener(PING, record("first"));
    target.setOnPing(record("h1"));
    target.addEventListener(PING, record("last"));
    target.setOnPing(record("h2")); // replaces h1 in place
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("first:ping", "h2:ping", "last:ping");
  }

  @Test
  void clearingTheHandlerRemovesItAndANewOneGoesToTheEnd() {
    target.setOnPing(record("h1"));
    target.addEventListener(PING, record("l"));
    target.setOnPing(null);
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("l:ping");
    calls.clear();
    target.setOnPing(record("h2"));
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("l:ping", "h2:ping");
  }

  @Test
  void aHandlerIsNotAListener() {
    EventListener<Event> same = record("x");
    target.setOnPing(same);
    target.addEventListener(PING, same); // a listener and the handler are separate entries
    target.removeEventListener(PING, same); // removes only the listener
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("x:ping");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    target.addEventListener(PING, e -> {
      throw new IllegalStateException("boom (expected by the test)");
    });
    target.addEventListener(PING, record("after"));
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("after:ping");
  }

  @Test
  void listenersAddedDuringDispatchMissThatEventAndRemovedOnesAreNotCalled() {
    EventListener<Event> late = record("late");
    EventListener<Event> victim = record("victim");
    target.addEventListener(PING, e -> {
      calls.add("first");
      target.addEventListener(PING, late);
      target.removeEventListener(PING, victim);
    });
    target.addEventListener(PING, victim);
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("first");
    calls.clear();
    target.fire("ping");
    dispatcher.runAll();
    assertThat(calls).containsExactly("first", "late:ping");
  }

  @Test
  void typedListenersReceiveTheirEventClass() {
    ManualExecutor d = new ManualExecutor();
    MediaStream stream = new MediaStream(java.util.UUID.randomUUID().toString(), List.of(), d);
    MediaStreamTrack track = MediaStreamTrack.audio("mic");
    List<MediaStreamTrack> added = new ArrayList<>();
    stream.addEventListener(MediaStream.ADDTRACK, e -> added.add(e.track()));
    stream.addTrackFromRemote(track);
    d.runAll();
    assertThat(added).containsExactly(track);
  }

  @Test
  void listenersRunOnTheSuppliedExecutorNotTheFiringThread() throws Exception {
    Target t = new Target(new dev.webrtc4j.internal.io.DispatchExecutor());
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    t.addEventListener(PING, e -> ranOn.complete(Thread.currentThread()));
    t.fire("ping");
    assertThat(ranOn.get(5, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
  }

  @Test
  void standaloneTracksAndStreamsDispatchOffTheCallingThread() throws Exception {
    MediaStream s = new MediaStream();
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    s.setOnAddTrack(e -> ranOn.complete(Thread.currentThread()));
    s.addTrackFromRemote(MediaStreamTrack.audio("a"));
    assertThat(ranOn.get(5, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
  }
}
