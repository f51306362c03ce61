package dev.awb.optimizers;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.support.optimizer.CosineDecaySchedule;
import dev.awb.api.support.optimizer.LinearDecaySchedule;
import dev.awb.api.optimizer.TrainingBudget;
import dev.awb.api.support.optimizer.WarmupSchedule;
import java.util.List;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The learning-rate schedule every optimizer of this family takes: its parameters and the ND4J schedule they
 * describe.
 *
 * <p>With {@code T} the run's total steps (from the {@link TrainingBudget}), {@code W = warmup_steps},
 * {@code s = t − W} the step counted from the end of the warmup and {@code S = T − W}, the learning rate at step
 * {@code t} (from 0) is:
 * <ul>
 *   <li>warmup, {@code t < W}: {@code lr · (t + 1) / W} ({@link WarmupSchedule});</li>
 *   <li>{@code constant}: {@code lr} (ND4J {@link FixedSchedule});</li>
 *   <li>{@code step}: {@code lr · step_factor^⌊s / (step_epochs · stepsPerEpoch)⌋} (ND4J {@link StepSchedule});</li>
 *   <li>{@code cosine}: {@code min_lr + (lr − min_lr) · ½ · (1 + cos(π · s / S))} ({@link CosineDecaySchedule});</li>
 *   <li>{@code linear}: {@code lr − (lr − min_lr) · s / S} ({@link LinearDecaySchedule}).</li>
 * </ul>
 * Cosine and linear reach {@code min_lr} at {@code s = S}, one step after the last.
 */
final class LearningRateSchedule {
    static final String LR = "lr";
    static final String SCHEDULE = "schedule";
    static final String WARMUP_STEPS = "warmup_steps";
    static final String STEP_EPOCHS = "step_epochs";
    static final String STEP_FACTOR = "step_factor";
    static final String MIN_LR = "min_lr";

    private LearningRateSchedule() {
    }

    /** The schedule's parameters, with {@code defaultLr} as the peak learning rate's default. */
    static List<ParamSpec> params(double defaultLr) {
        return List.of(
                ParamSpec.ofDouble(LR, defaultLr, "Peak learning rate (after warmup, before decay)").range(1e-12, 10),
                ParamSpec.ofChoice(SCHEDULE, "constant", "Learning-rate schedule after warmup", "constant", "step",
                        "cosine", "linear"),
                ParamSpec.ofInt(WARMUP_STEPS, 0, "Steps of linear warmup from lr/warmup_steps up to lr; 0 = none")
                        .range(0, Integer.MAX_VALUE),
                ParamSpec.ofInt(STEP_EPOCHS, 1, "schedule=step: epochs between two decays").range(1, 1_000_000),
                ParamSpec.ofDouble(STEP_FACTOR, 0.1, "schedule=step: factor the learning rate is multiplied by at each "
                        + "decay").range(1e-12, 1),
                ParamSpec.ofDouble(MIN_LR, 0.0, "schedule=cosine|linear: learning rate reached at the end of the run")
                        .range(0, 10));
    }

    /**
     * The schedule {@code params} describe over {@code budget}.
     *
     * @throws PluginConfigurationException if the parameters contradict each other or the run: the warmup does not
     *     end before the run does, {@code min_lr} exceeds {@code lr} or is set for a schedule that does not decay
     *     to it, or a step schedule's first decay falls after the last step
     */
    static ISchedule of(Params params, TrainingBudget budget) {
        double lr = params.getDouble(LR);
        int warmup = params.getInt(WARMUP_STEPS);
        long total = budget.totalSteps();
        if (warmup >= total) {
            throw new PluginConfigurationException(WARMUP_STEPS, "warmup_steps must end before the run does ("
                    + total + " steps = " + budget.epochs() + " epochs x " + budget.stepsPerEpoch()
                    + " steps), found " + warmup);
        }
        double minLr = params.getDouble(MIN_LR);
        if (minLr > lr) {
            throw new PluginConfigurationException(MIN_LR, "min_lr must not exceed lr (" + lr + "), found " + minLr);
        }
        String schedule = params.getString(SCHEDULE);
        if (minLr > 0 && !"cosine".equals(schedule) && !"linear".equals(schedule)) {
            throw new PluginConfigurationException(MIN_LR, "min_lr applies only to schedule cosine or linear, found min_lr "
                    + minLr + " with schedule " + schedule + "; remove min_lr or pick a decaying schedule");
        }
        long stepSteps = (long) params.getInt(STEP_EPOCHS) * budget.stepsPerEpoch();
        if ("step".equals(schedule) && stepSteps >= total - warmup) {
            throw new PluginConfigurationException(STEP_EPOCHS, "schedule step never decays: step_epochs "
                    + params.getInt(STEP_EPOCHS) + " x " + budget.stepsPerEpoch() + " steps per epoch = " + stepSteps
                    + " steps, but the run has " + (total - warmup) + " steps after warmup (" + budget.epochs()
                    + " epochs); lower step_epochs or use schedule constant");
        }
        int decaySteps = (int) Math.min(Integer.MAX_VALUE, total - warmup);
        ISchedule after = switch (schedule) {
            case "constant" -> new FixedSchedule(lr);
            case "step" -> new StepSchedule(ScheduleType.ITERATION, lr, params.getDouble(STEP_FACTOR),
                    (double) params.getInt(STEP_EPOCHS) * budget.stepsPerEpoch());
            case "cosine" -> new CosineDecaySchedule(lr, minLr, decaySteps);
            case "linear" -> new LinearDecaySchedule(lr, minLr, decaySteps);
            default -> throw new PluginConfigurationException(SCHEDULE,
                    "schedule must be one of [constant, step, cosine, linear], found " + schedule);
        };
        return warmup == 0 ? after : new WarmupSchedule(warmup, lr, after);
    }
}
