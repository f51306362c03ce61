package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTests {
    @Test
    void parsesEveryForm() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.CUDA, Device.parse("cuda"));
        assertEquals(new Device(true, 0), Device.parse("cuda:0"));
        assertEquals(new Device(true, 12), Device.parse(" cuda:12 "));
    }

    @Test
    void printsWhatItParses() {
        for (String text : List.of("cpu", "cuda", "cuda:0", "cuda:7")) {
            assertEquals(text, Device.parse(text).toString());
        }
    }

    @Test
    void rejectsOtherValuesNamingTheChoices() {
        for (String bad : List.of("gpu", "CUDA", "cuda:", "cuda:-1", "cuda:a", "cuda:0,1", "cpu:0", "", "cuda 1")) {
            InvalidDeviceException e = assertThrows(InvalidDeviceException.class, () -> Device.parse(bad), bad);
            assertEquals("device must be one of cpu, cuda, cuda:N (N = a visible GPU's index, 0 or more), found '"
                    + bad + "'", e.getMessage());
        }
        assertThrows(InvalidDeviceException.class, () -> Device.parse(null));
    }

    @Test
    void defaultsToCudaOnlyInACudaDistribution() {
        assertEquals(Device.CUDA, Device.defaultFor(true));
        assertEquals(Device.CPU, Device.defaultFor(false));
    }
}
