/**

 * Values every layer of the extension uses (protocols, log-safe text). Imports nothing of the extension: the other
 * packages (smtp, policy, device, webadmin, alert, the stores) may import it, never the reverse.
 */
package org.jamesclientid.core;
