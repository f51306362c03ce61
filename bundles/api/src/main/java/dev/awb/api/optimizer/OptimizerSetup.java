package dev.awb.api.optimizer;

import java.util.List;
import dev.awb.api.support.optimizer.ClippedUpdater;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * What an optimizer contributes to a SameDiff training configuration.
 *
 * <p>The runtime puts {@code updater} and {@code regularization} into
 * {@link org.nd4j.autodiff.samediff.TrainingConfig} and, when {@code clipNorm} is positive, wraps the updater in
 * {@link ClippedUpdater} so every weight tensor's gradient is clipped to that L2 norm before the update rule
 * sees it.
 *
 * @param updater the update rule, learning-rate schedule included; never null
 * @param regularization penalties SameDiff applies around the updater (L2 before it, decoupled weight decay
 *     after it); may be empty, never null
 * @param clipNorm the largest L2 norm of one weight tensor's gradient, or 0 for no clipping
 */
public record OptimizerSetup(IUpdater updater, List<Regularization> regularization, double clipNorm) {
    public OptimizerSetup {
        Objects.requireNonNull(updater, "updater");
        regularization = List.copyOf(regularization);
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clipNorm must be 0 (off) or positive, found " + clipNorm);
        }
    }

    /** The updater the training configuration takes: {@link #updater()}, clipped when asked. */
    public IUpdater clippedUpdater() {
        return clipNorm > 0 ? new ClippedUpdater(updater, clipNorm) : updater;
    }
}
