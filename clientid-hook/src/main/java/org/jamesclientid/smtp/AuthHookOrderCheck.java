package org.jamesclientid.smtp;

import java.util.List;

import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.hook.AuthHook;

import com.google.common.base.Preconditions;

/**
 * Start-up check of a handler chain's AUTH hooks: a hook that must see every AUTH comes first.
 *
 * <p>James asks the AUTH hooks in chain order and takes the first answer that is not DECLINED. {@link ClientIdAuthHook}
 * answers every AUTH, so anything listed after it is never asked; but an AUTH hook listed before it that accepts a
 * password signs the user in without the device policy, and one that refuses one hides the failure from the
 * failure limit. Neither shows in a reply, so the chain is refused at start instead. (James 3.8.1 appends the
 * handlers of {@code CoreCmdHandlerLoader}, its {@code UsersRepositoryAuthHook} among them, after every listed
 * handler, wherever the loader's own line is: only AUTH hooks the chain lists by name can come first.)</p>
 */
public final class AuthHookOrderCheck {
    public static final AuthHookOrderCheck CLIENTID = of(ClientIdAuthHook.class);

    public static AuthHookOrderCheck of(Class<? extends AuthHook> firstHook) {
        Preconditions.checkNotNull(firstHook);
        return new AuthHookOrderCheck(firstHook);
    }

    private final Class<? extends AuthHook> firstHook;

    private AuthHookOrderCheck(Class<? extends AuthHook> firstHook) {
        this.firstHook = firstHook;
    }

    /**
     * @param authHooks the chain's AUTH hooks in chain order, as James gives them to
     *                  {@link org.apache.james.protocols.api.handler.ExtensibleHandler#wireExtensions}
     */
    public void check(List<?> authHooks) throws WiringException {
        if (authHooks.isEmpty() || firstHook.isInstance(authHooks.get(0)) || authHooks.stream().noneMatch(firstHook::isInstance)) {
            return;
        }
        String before = authHooks.get(0).getClass().getName();
        throw new WiringException("smtpserver.xml: " + firstHook.getName() + " must be the first AUTH hook of its <handlerchain>, but "
            + before + " comes before it: move <handler class=\"" + firstHook.getName() + "\"/> above <handler class=\"" + before
            + "\"/>. Asked first, " + before + " can sign a user in without the CLIENTID device policy.");
    }
}
