package org.framescope.util;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Host-name checks shared by the server (open without a key?) and the load test (whom may it hit?). */
public final class Hosts {

    private Hosts() {}

    /**
     * Whether every address the host name resolves to is a loopback address.
     *
     * @param host a host name or address literal
     * @return true when the name resolves only to loopback addresses
     * @throws IllegalArgumentException if the name does not resolve
     */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
    }
}
