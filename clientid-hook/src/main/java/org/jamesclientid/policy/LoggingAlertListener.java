package org.jamesclientid.policy;

import org.jamesclientid.core.LogText;
import org.jamesclientid.device.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Writes each alert as one line of the server log: kind, account, device id and type when the type's flags allow
 * it ({@code system-log}), IP. Never the token nor its hint.
 */
public class LoggingAlertListener implements AlertListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoggingAlertListener.class);
    static final String HIDDEN = "hidden";

    @Override
    public Mono<Void> onAlert(Alert alert) {
        return Mono.fromRunnable(() -> {
            String device = alert.isSystemLog() ? alert.getDeviceId().map(DeviceId::asString).orElse("-") : HIDDEN;
            String type = alert.isSystemLog() ? alert.getType().map(LogText::quoted).orElse("-") : HIDDEN;
            String ip = alert.getIp().orElse("-");
            // Server-written fields first, client-chosen ones last and quoted, as in the decision line.
            String account = LogText.quoted(alert.getUsername().asString());
            if (isWarning(alert.getKind())) {
                LOGGER.warn("CLIENTID alert kind={} ip={} device={} type={} account={}", alert.getKind(), ip, device, type, account);
            } else {
                LOGGER.info("CLIENTID alert kind={} ip={} device={} type={} account={}", alert.getKind(), ip, device, type, account);
            }
        });
    }

    private static boolean isWarning(Alert.Kind kind) {
        return kind == Alert.Kind.DEVICE_BLOCKED || kind == Alert.Kind.AUTH_FAILED;
    }
}
