/**
 * Non-standard knobs and extension points: {@code Settings} (like Pion's SettingEngine), the
 * {@code Ticker} time source, and network and codec seams.
 */
@NullMarked
package dev.webrtc4j.spi;

import org.jspecify.annotations.NullMarked;
