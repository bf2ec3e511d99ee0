package dev.webrtc4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.io.SystemClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void defaultsUseTheSystemClocksAndNoDispatchOverride() {
    Settings s = Settings.DEFAULT;
    assertThat(s.dispatchExecutor()).isEmpty();
    assertThat(s.wallClock()).isSameAs(SystemClock.WALL);
    long before = System.nanoTime();
    assertThat(s.ticker().nanos()).isGreaterThanOrEqualTo(before);
    assertThat(s.secureRandom()).isNotNull().isNotSameAs(s.secureRandom()); // fresh per use
  }

  @Test
  void everyKnobCanBeReplacedAndIsKeptByToBuilder() {
    Executor direct = Runnable::run;
    Ticker virtual = () -> 42L;
    InstantSource wall = InstantSource.fixed(Instant.EPOCH);
    SecureRandom random = new SecureRandom();
    Settings s = Settings.builder().dispatchExecutor(direct).ticker(virtual).wallClock(wall).secureRandom(random).build();
    assertThat(s.dispatchExecutor()).containsSame(direct);
    assertThat(s.ticker().nanos()).isEqualTo(42L);
    assertThat(s.wallClock()).isSameAs(wall);
    assertThat(s.secureRandom()).isSameAs(random);
    Settings copy = s.toBuilder().build();
    assertThat(copy.dispatchExecutor()).containsSame(direct);
    assertThat(copy.ticker()).isSameAs(virtual);
    assertThat(copy.wallClock()).isSameAs(wall);
    assertThat(copy.secureRandom()).isSameAs(random);
    // the original default is untouched
    assertThat(Settings.DEFAULT.dispatchExecutor()).isEmpty();
  }

  @Test
  void nullsAreRejectedNamingTheKnob() {
    assertThatThrownBy(() -> Settings.builder().ticker(null)).isInstanceOf(NullPointerException.class).hasMessage("ticker");
    assertThatThrownBy(() -> Settings.builder().wallClock(null)).hasMessage("wallClock");
    assertThatThrownBy(() -> Settings.builder().dispatchExecutor(null)).hasMessage("dispatchExecutor");
    assertThatThrownBy(() -> Settings.builder().secureRandom(null)).hasMessage("secureRandom");
  }
}
