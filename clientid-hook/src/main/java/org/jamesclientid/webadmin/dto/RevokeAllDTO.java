package org.jamesclientid.webadmin.dto;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableList;

/**
 * Body of {@code POST /clientid/users/{user}/devices?action=revokeAll}: {@code keep}, the ids of the devices to keep,
 * as sent (absent: keep none).
 */
public class RevokeAllDTO {
    private final List<String> keep;

    @JsonCreator
    public RevokeAllDTO(@JsonProperty("keep") List<String> keep) {
        this.keep = Optional.ofNullable(keep).map(ImmutableList::copyOf).orElse(ImmutableList.of());
    }

    public List<String> getKeep() {
        return keep;
    }
}
