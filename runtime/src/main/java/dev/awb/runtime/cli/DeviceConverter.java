package dev.awb.runtime.cli;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.InvalidDeviceException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --device} value ({@code cpu}, {@code cuda}, {@code cuda:N}); a bad one is a usage error
 * (exit code 2) that names the value and the choices.
 */
final class DeviceConverter implements ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
        try {
            return Device.parse(value);
        } catch (InvalidDeviceException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
