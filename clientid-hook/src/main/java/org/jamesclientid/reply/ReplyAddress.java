package org.jamesclientid.reply;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The address a notice gives for a reply: {@code clientid-<action>-<code>@<the account's domain>}, e.g.
 * {@code clientid-revoke-0f3c...9a1b@example.com}. A local domain, so that James accepts it at RCPT on the submission
 * path, where {@link org.jamesclientid.smtp.ClientIdReplyHook} consumes it before any mail processing.
 */
public final class ReplyAddress {
    public static final String PREFIX = "clientid-";

    public static ReplyAddress of(ReplyAction action, ReplyCode code, Domain domain) {
        Preconditions.checkNotNull(action, "'action' is mandatory");
        Preconditions.checkNotNull(code, "'code' is mandatory");
        Preconditions.checkNotNull(domain, "'domain' is mandatory");
        return new ReplyAddress(action, code, domain);
    }

    /**
     * Empty for any address that is not a reply address: its local part must be exactly the prefix, an action, a
     * dash and a well-formed code.
     */
    public static Optional<ReplyAddress> parse(MailAddress address) {
        String localPart = address.getLocalPart().toLowerCase(Locale.US);
        if (!localPart.startsWith(PREFIX) || address.getDomain() == null) {
            return Optional.empty();
        }
        String rest = localPart.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Optional<ReplyAction> action = ReplyAction.parse(rest.substring(0, dash));
        Optional<ReplyCode> code = ReplyCode.parse(rest.substring(dash + 1));
        if (action.isEmpty() || code.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplyAddress(action.get(), code.get(), address.getDomain()));
    }

    private final ReplyAction action;
    private final ReplyCode code;
    private final Domain domain;

    private ReplyAddress(ReplyAction action, ReplyCode code, Domain domain) {
        this.action = action;
        this.code = code;
        this.domain = domain;
    }

    public ReplyAction getAction() {
        return action;
    }

    public ReplyCode getCode() {
        return code;
    }

    public Domain getDomain() {
        return domain;
    }

    public String asString() {
        return PREFIX + action.asString() + "-" + code.asString() + "@" + domain.asString();
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ReplyAddress) {
            ReplyAddress that = (ReplyAddress) o;
            return this.action == that.action
                && Objects.equals(this.code, that.code)
                && Objects.equals(this.domain, that.domain);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(action, code, domain);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("action", action)
            .add("domain", domain)
            .toString();
    }
}
