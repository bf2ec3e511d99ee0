/**
 * SDP (<a href="https://www.rfc-editor.org/rfc/rfc8866">RFC 8866</a>) model, parser and
 * serializer, plus typed views of the WebRTC attributes.
 *
 * <p>Syntax only: what a description means for a connection (JSEP, RFC 8829) lives in
 * {@code internal.pc}. Pure immutable values; no threads, no I/O.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>{@link dev.webrtc4j.sdp.SessionDescription}: {@code v=0}, the {@link
 *       dev.webrtc4j.sdp.Origin}, the session name, the session-level lines in order, the media
 *       sections. {@link dev.webrtc4j.sdp.SessionDescription#parse} and {@link
 *       dev.webrtc4j.sdp.SessionDescription#serialize}.
 *   <li>{@link dev.webrtc4j.sdp.MediaDescription}: the {@code m=} line (media, port, port count,
 *       proto, formats) and its lines in order.
 *   <li>A line is an {@link dev.webrtc4j.sdp.Attribute} (raw name and value, so unknown ones
 *       round-trip byte for byte) or a {@link dev.webrtc4j.sdp.Field} (any other letter, raw).
 *   <li>Known attributes have typed views, {@link dev.webrtc4j.sdp.TypedAttribute}: records and
 *       enums with a static {@code parse(String value)} and {@code value()}; sections read them
 *       with accessors ({@code media.rtpmaps()}, {@code media.mid()}, {@code session.groups()},
 *       {@code media.candidates()}, {@code media.direction()}) and add them with {@code
 *       addAttribute(TypedAttribute)}, {@code replaceAttribute}, {@code withDirection}, ...
 * </ul>
 *
 * <h2>What the parser accepts</h2>
 *
 * <p>It follows Chrome's parser (webrtc {@code pc/webrtc_sdp.cc}): lines end in CRLF or LF alone
 * (mixed is fine); a line is {@code <lowercase letter>=<value>} with at least one value character
 * and no space after {@code =} except in {@code s=}; {@code v=0}, {@code o=}, {@code s=} come
 * first, in that order; at least one {@code t=} precedes the media sections. Beyond Chrome, the
 * last line may lack its terminator and empty lines at the very end are ignored (files from
 * editors and shells), since nothing is lost by it. Lines of unknown type and unknown attributes
 * are kept where they are; known ones are validated (the RTP ones, {@code rtpmap}, {@code fmtp},
 * {@code rtcp-fb}, only in RTP sections, where their format is a payload type). Fields are
 * separated by exactly one space in the lines we validate. A rejected description throws {@link
 * dev.webrtc4j.sdp.SdpParseException} naming the line number and the line. The serializer always
 * writes CRLF.
 */
@NullMarked
package dev.webrtc4j.sdp;

import org.jspecify.annotations.NullMarked;
