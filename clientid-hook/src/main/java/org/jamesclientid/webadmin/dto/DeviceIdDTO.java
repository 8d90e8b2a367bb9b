package org.jamesclientid.webadmin.dto;

import org.jamesclientid.device.DeviceId;

/**
 * {@code {"id": ...}}: the device id a request computed from a token, e.g. the answer to {@code POST /clientid/blocked}.
 */
public class DeviceIdDTO {
    public static DeviceIdDTO from(DeviceId id) {
        return new DeviceIdDTO(id.asString());
    }

    private final String id;

    private DeviceIdDTO(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }
}
