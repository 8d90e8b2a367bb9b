package org.jamesclientid.imap;

import java.util.Objects;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * {@code tag NO [UNAVAILABLE] LOGIN failed. Temporary authentication failure.}: the device store could not answer
 * (RFC 5530's UNAVAILABLE). James 3.8.1 can only build extension codes starting with X, hence a response of our own.
 */
public final class UnavailableResponse implements ImapResponseMessage {
    public static final String CODE = "UNAVAILABLE";
    public static final String TEXT = "failed. Temporary authentication failure.";

    public static UnavailableResponse of(Tag tag, ImapCommand command) {
        Preconditions.checkNotNull(tag, "'tag' is mandatory");
        Preconditions.checkNotNull(command, "'command' is mandatory");
        return new UnavailableResponse(tag, command);
    }

    private final Tag tag;
    private final ImapCommand command;

    private UnavailableResponse(Tag tag, ImapCommand command) {
        this.tag = tag;
        this.command = command;
    }

    public Tag getTag() {
        return tag;
    }

    public ImapCommand getCommand() {
        return command;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof UnavailableResponse) {
            UnavailableResponse that = (UnavailableResponse) o;
            return Objects.equals(this.tag, that.tag)
                && Objects.equals(this.command, that.command);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(tag, command);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("tag", tag)
            .add("command", command)
            .toString();
    }
}
