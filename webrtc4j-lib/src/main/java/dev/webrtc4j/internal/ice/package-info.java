/**
 * The sans-I/O ICE agent (RFC 8445, 8838, 7675): candidates, pairs, checklists, nomination and
 * consent. Confined to the connection's event loop; time is passed in.
 */
@NullMarked
package dev.webrtc4j.internal.ice;

import org.jspecify.annotations.NullMarked;
