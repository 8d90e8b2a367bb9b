package org.jamesclientid.imap;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Ends an IMAP connection from outside any command of it (an IDLE included): {@code * BYE}, then the connection is
 * closed; James then logs the session out as for any closed connection (ImapChannelUpstreamHandler.channelInactive).
 *
 * <p>James 3.8.1's {@link ImapSession} has no way to do that: {@code logout()} only changes the state, read after
 * the next command. Its only implementation, NettyImapSession, keeps its Netty channel in a private field, read here.
 * The write runs on the channel's event loop, as James' own writes do, so it goes through TLS and compression.</p>
 */
final class ImapConnectionCloser {
    private static final Logger LOGGER = LoggerFactory.getLogger(ImapConnectionCloser.class);
    private static final byte[] BYE = "* BYE Session ended by the server.\r\n".getBytes(StandardCharsets.US_ASCII);

    private ImapConnectionCloser() {
    }

    /**
     * @return false when the session is not one this James keeps on a Netty channel (nothing was done)
     */
    static boolean close(ImapSession session) {
        Optional<Channel> channel = channelOf(session);
        if (channel.isEmpty()) {
            LOGGER.warn("CLIENTID cannot end an IMAP session of type {}: no Netty channel found", session.getClass().getName());
            return false;
        }
        Channel connection = channel.get();
        connection.eventLoop().execute(() -> {
            if (connection.isActive()) {
                connection.writeAndFlush(Unpooled.wrappedBuffer(BYE)).addListener(ChannelFutureListener.CLOSE);
            }
        });
        return true;
    }

    private static Optional<Channel> channelOf(ImapSession session) {
        for (Class<?> type = session.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Channel.class.isAssignableFrom(field.getType())) {
                    return read(field, session);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Channel> read(Field field, ImapSession session) {
        try {
            field.setAccessible(true);
            return Optional.ofNullable((Channel) field.get(session));
        } catch (IllegalAccessException | RuntimeException e) {
            LOGGER.warn("CLIENTID cannot read the channel of an IMAP session", e);
            return Optional.empty();
        }
    }
}
