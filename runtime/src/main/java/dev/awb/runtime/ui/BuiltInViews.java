package dev.awb.runtime.ui;

import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.ui.spi.View;
import java.util.List;
import java.util.function.Function;

/** The views the runtime contributes itself, in navigation order. */
public final class BuiltInViews {
    private BuiltInViews() {
    }

    /**
     * Studies, Study, Trial, Plugins and Experiment check over {@code results} and the plugins of {@code host};
     * {@code planner} validates an experiment against them exactly as {@code awb validate} does.
     */
    public static List<View> of(StoreResults results, OsgiHost host, Function<ExperimentFile, StudyPlan> planner) {
        return List.of(new StudiesView(), new StudyView(results), new TrialView(results), new PluginsView(host),
                new CheckView(planner));
    }
}
