package dev.awb.runtime.ui;

import static dev.awb.runtime.ui.spi.Markup.escape;

import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.Problem;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code /check}: paste an experiment file (or pick one from disk, read by the browser) and see it validated
 * against the running plugins with the same located errors as {@code awb validate}, and the trials it expands to
 * as {@code awb plan} lists them. Nothing is stored or run.
 */
final class CheckView implements View {
    /** The name the pasted text is validated under; errors are located in it. */
    static final String PASTED = "pasted.yaml";

    private final Function<ExperimentFile, StudyPlan> planner;

    /** @param planner validates a read file against the running plugins, exactly as {@code awb validate} does */
    CheckView(Function<ExperimentFile, StudyPlan> planner) {
        this.planner = planner;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String title() {
        return "Experiment check";
    }

    @Override
    public Page render(ViewRequest request) {
        String text = request.method().equals("POST") ? request.parameter("yaml").orElse("") : "";
        StringBuilder html = new StringBuilder("<p>Paste an experiment file, or open one, and check it against the"
                + " installed plugins (<code>awb validate</code> and <code>awb plan</code>). Nothing runs.</p>")
                .append("<form method=\"post\" action=\"/check\"><input type=\"hidden\" name=\"token\" value=\"")
                .append(escape(request.token())).append("\"><p><input type=\"file\" accept=\".yaml,.yml\" data-into=\"yaml\""
                        + " aria-label=\"open an experiment file\"></p><textarea id=\"yaml\" name=\"yaml\" rows=\"18\""
                        + " spellcheck=\"false\">").append(escape(text))
                .append("</textarea><p><button type=\"submit\" id=\"check\">Check</button></p></form>");
        if (request.method().equals("POST")) {
            html.append("<h2>Result</h2>").append(check(text));
        }
        return new Page("Experiment check", html.toString());
    }

    private String check(String text) {
        Path dir;
        try {
            dir = Files.createTempDirectory("awb-ui-check-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the pasted file", e);
        }
        Path file = dir.resolve(PASTED);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            StudyPlan plan = planner.apply(ExperimentReader.read(file));
            return "<p class=\"ok\" id=\"verdict\">" + PASTED + ": valid, " + escape(plan.summary()) + "</p>" + plan(plan);
        } catch (ExperimentException e) {
            StringBuilder html = new StringBuilder("<div id=\"verdict\">");
            for (Problem problem : e.problems()) {
                html.append("<p class=\"error\">error: ").append(escape(problem.toString().replace(file.toString(), PASTED)))
                        .append("</p>");
            }
            return html.append("</div>").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pasted file", e);
        } catch (RuntimeException e) {
            return "<p class=\"error\" id=\"verdict\">the check failed: " + escape(String.valueOf(e.getMessage())
                    .replace(file.toString(), PASTED)) + "</p>";
        } finally {
            delete(dir);
        }
    }

    /** The expanded trials, as {@code awb plan} lists them. */
    private static String plan(StudyPlan plan) {
        List<String> axes = plan.trials().isEmpty() ? List.of() : new ArrayList<>(plan.trials().get(0).labels().keySet());
        StringBuilder html = new StringBuilder("<table id=\"plan\"><caption>").append(escape(plan.name())).append(": ")
                .append(plan.trials().size()).append(" trial(s)</caption><thead><tr><th>#</th><th>trial</th><th>seed</th>");
        axes.forEach(a -> html.append("<th>").append(escape(a)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (Trial trial : plan.trials()) {
            html.append("<tr><td class=\"num\">").append(trial.index()).append("</td><td><code>").append(escape(trial.id()))
                    .append("</code></td><td class=\"num\">").append(trial.seed()).append("</td>");
            axes.forEach(a -> html.append("<td>").append(escape(trial.labels().get(a))).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
