/**
 * A deterministic simulated network on virtual time: links with latency, jitter, loss (random and
 * Gilbert-Elliott), duplication, reordering, rate and MTU; NAT boxes with the RFC 4787 mapping and
 * filtering behaviours; and nodes that are sans-I/O cores (they speak {@code Datagram}s and report
 * their next deadline). One seed reproduces a run exactly.
 *
 * <p>Single-threaded: the test thread drives everything through {@link
 * dev.webrtc4j.testkit.net.SimNetwork#runUntil}.
 */
package dev.webrtc4j.testkit.net;
