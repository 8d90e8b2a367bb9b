/**

 * IMAP CLIENTID (draft-yu-imap-client-id) and the device policy at IMAP sign-in, for James 3.8.1's IMAP server.
 *
 * <p>{@link org.jamesclientid.imap.ClientIdImapPackage} is what imapserver.xml lists: James' own commands, the
 * {@code CLIENTID} command ({@link org.jamesclientid.imap.ClientIdImapCommandParser},
 * {@link org.jamesclientid.imap.ClientIdProcessor}), and James' LOGIN and AUTHENTICATE processors subclassed so that
 * {@link org.jamesclientid.imap.ClientIdSignIn} asks the policy engine between James' password check and James'
 * session steps. James 3.8.1 has no authentication hook for IMAP: replacing its sign-in processors is the only way.</p>
 *
 * <p>Owns the per-connection IMAP state ({@link org.jamesclientid.imap.ImapClientIdState}). Imports James' IMAP
 * API, the SMTP side's {@code ClientId} value (type and token rules) and the policy engine's
 * {@code AuthAttempt}/{@code PolicyDecision}; only {@code ClientIdSignIn} calls the engine.</p>
 */
package org.jamesclientid.imap;
