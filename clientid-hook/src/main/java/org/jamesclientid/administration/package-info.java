/**

 * What administrators do to devices, blocks and policies, between the WebAdmin routes (which parse and answer HTTP)
 * and the repositories (which store): every change an administrator makes goes through here, recorded as made by
 * {@link org.jamesclientid.device.Actor#ADMINISTRATOR}, so that it never rewrites what sign-ins produce.
 */
package org.jamesclientid.administration;
