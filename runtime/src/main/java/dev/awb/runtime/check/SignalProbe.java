package dev.awb.runtime.check;

import dev.awb.api.GraphContext;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Finds out whether an attention mechanism refuses to work without an interaction signal (interactive attention
 * does), so that {@code awb plugin check} can wire one instead of failing every contract test with the plugin's
 * message about a node's {@code inputs:}, which means nothing outside an experiment file.
 *
 * <p>The SPI's way of saying so is a {@link PluginConfigurationException} on {@link AttentionInputs#SIGNALS} from
 * {@code attend}; the probe defines the mechanism once on a tiny graph without signals and looks for exactly that.
 */
final class SignalProbe {
    /** The signal length wired when the mechanism needs one and none was asked for. */
    static final int DEFAULT_LENGTH = 4;

    private SignalProbe() {
    }

    /** Whether {@code subject}'s mechanism, with its contract parameters, refuses to define itself without a signal. */
    static boolean needsSignal(ContractRun.Subject subject) {
        try {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5, 8);
            subject.mechanism().attend(new GraphContext(sd, DataType.FLOAT, 1),
                    AttentionInputs.self("probe", x, null, false, 5, 8), subject.params(2));
            return false;
        } catch (PluginConfigurationException e) {
            return AttentionInputs.SIGNALS.equals(e.parameter());
        } catch (RuntimeException e) {
            // Any other refusal is the contract's to report, with its own test names.
            return false;
        }
    }
}
