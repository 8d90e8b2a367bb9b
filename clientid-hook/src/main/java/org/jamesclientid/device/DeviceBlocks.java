package org.jamesclientid.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * A device's administrator block and automatic block, each stored on its own so that neither write replaces the
 * other. The administrator's wins: setting or lifting it lifts the automatic one, and while it lasts it is the one shown.
 */
public final class DeviceBlocks {
    public static final DeviceBlocks NONE = new DeviceBlocks(Optional.empty(), Optional.empty());

    public static DeviceBlocks of(Optional<Block> administrator, Optional<Block> automatic) {
        Preconditions.checkArgument(administrator.map(block -> !block.isAutomatic()).orElse(true), "not an administrator's block");
        Preconditions.checkArgument(automatic.map(Block::isAutomatic).orElse(true), "not an automatic block");
        return new DeviceBlocks(administrator, automatic);
    }

    private final Optional<Block> administrator;
    private final Optional<Block> automatic;

    private DeviceBlocks(Optional<Block> administrator, Optional<Block> automatic) {
        this.administrator = administrator;
        this.automatic = automatic;
    }

    /**
     * The block that refuses the device at {@code now}, if any: the administrator's while it lasts, else an active
     * automatic one (set after the administrator's, which lifted any earlier one).
     */
    public Optional<Block> activeAt(Instant now) {
        return administrator.filter(block -> block.isActive(now))
            .or(() -> automatic.filter(block -> block.isActive(now)));
    }

    public Optional<Block> getAdministrator() {
        return administrator;
    }

    public Optional<Block> getAutomatic() {
        return automatic;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof DeviceBlocks) {
            DeviceBlocks that = (DeviceBlocks) o;
            return Objects.equals(this.administrator, that.administrator)
                && Objects.equals(this.automatic, that.automatic);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(administrator, automatic);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("administrator", administrator)
            .add("automatic", automatic)
            .toString();
    }
}
