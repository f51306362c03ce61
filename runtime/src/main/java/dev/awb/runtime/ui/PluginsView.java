package dev.awb.runtime.ui;

import static dev.awb.runtime.ui.spi.Markup.escape;

import dev.awb.api.ParamSpec;
import dev.awb.runtime.launch.BundleProblem;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import java.util.List;

/**
 * {@code /plugins}: the live plugin catalogue of the running OSGi framework, read on every request (a jar dropped
 * into the plugins folder appears once FileInstall has started it): kind, name, version, bundle, summary and each
 * parameter's type, default, range, choices and description; then the bundles that failed, with the reason.
 */
final class PluginsView implements View {
    private final OsgiHost host;

    PluginsView(OsgiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String title() {
        return "Plugins";
    }

    @Override
    public Page render(ViewRequest request) {
        List<PluginDescriptor> plugins = host.plugins().all();
        StringBuilder html = new StringBuilder("<p>").append(plugins.size())
                .append(" plugins registered in the running framework. Drop a plugin jar into the plugins folder and"
                        + " reload: it appears here without a restart.</p>")
                .append("<input class=\"filter\" data-for=\"plugins\" placeholder=\"filter plugins\" aria-label=\"filter plugins\">")
                .append("<table id=\"plugins\"><thead><tr><th class=\"sortable\">plugin</th><th class=\"sortable\">version</th>"
                        + "<th class=\"sortable\">bundle</th><th>summary</th><th>parameters</th></tr></thead><tbody>\n");
        for (PluginDescriptor p : plugins) {
            html.append("<tr><td><b>").append(escape(p.id())).append("</b></td><td>").append(escape(p.version()))
                    .append("</td><td>").append(escape(p.bundle())).append("</td><td>").append(escape(p.summary()))
                    .append("</td><td>").append(params(p)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<h2>Bundles that failed</h2>");
        List<BundleProblem> problems = host.problems();
        if (problems.isEmpty()) {
            html.append("<p class=\"ok\">None: every bundle resolved and every component activated.</p>");
        } else {
            html.append("<table id=\"problems\"><thead><tr><th>bundle</th><th>version</th><th>location</th><th>reason</th>"
                    + "</tr></thead><tbody>");
            for (BundleProblem problem : problems) {
                html.append("<tr><td>").append(escape(problem.bundle())).append("</td><td>").append(escape(problem.version()))
                        .append("</td><td>").append(escape(problem.location())).append("</td><td class=\"error\">")
                        .append(escape(problem.reason())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        return new Page("Plugins", html.toString());
    }

    private static String params(PluginDescriptor plugin) {
        List<ParamSpec> params;
        try {
            params = plugin.params();
        } catch (RuntimeException e) {
            return "<span class=\"error\">parameters unreadable: " + escape(e.getMessage()) + "</span>";
        }
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table class=\"params\"><tbody>");
        for (ParamSpec param : params) {
            String range = param.min() == null && param.max() == null ? ""
                    : "[" + (param.min() == null ? "" : Format.number(param.min())) + ", "
                    + (param.max() == null ? "" : Format.number(param.max())) + "]";
            html.append("<tr><td><code>").append(escape(param.name())).append("</code></td><td>")
                    .append(escape(param.type().label())).append("</td><td>default <code>")
                    .append(escape(String.valueOf(param.defaultValue()))).append("</code></td><td>").append(escape(range))
                    .append(param.choices().isEmpty() ? "" : escape(String.join(" | ", param.choices())))
                    .append("</td><td>").append(escape(param.description())).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }
}
