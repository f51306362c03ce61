package dev.awb.runtime.cli;

import dev.awb.runtime.device.CudaAvailability;
import dev.awb.runtime.device.Device;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.Location;
import dev.awb.runtime.experiment.Problem;
import java.util.Map;

/**
 * The check that the device a study asks for can run here, made with the experiment's validation so that a
 * {@code --device cuda} on a machine or distribution without a working CUDA backend is bad input (exit 2) before
 * any study is registered or worker started, instead of a failure of every trial minutes later.
 */
final class DeviceChoice {
    private DeviceChoice() {
    }

    /**
     * @param chosen the device the trials would run on
     * @param option the {@code --device} value, or null when the device came from the file or the default
     * @param environment the first worker's environment for {@code chosen}
     * @param probe whether to load the CUDA backend in a child JVM when it is in the distribution (not for Slurm,
     *     whose tasks run on other machines)
     * @throws ExperimentException located at the option, the file's {@code device:} or the default
     */
    static void require(Device chosen, Device option, ExperimentFile experiment, Map<String, String> environment,
            boolean probe) {
        String why = CudaAvailability.unavailable(chosen, environment, probe ? Awb::processCommand : null);
        if (why == null) {
            return;
        }
        Location where = option != null ? new Location("command line (--device " + option + ")", 1, 1)
                : experiment.device() != null ? experiment.deviceLocation()
                : new Location("default device " + chosen + " of this distribution", 1, 1);
        throw new ExperimentException(new Problem(where, "device " + chosen + " cannot run here: " + why
                + " (as 'awb doctor' reports); use --device cpu to train on the CPU"));
    }
}
