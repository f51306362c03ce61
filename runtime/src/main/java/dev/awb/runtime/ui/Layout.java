package dev.awb.runtime.ui;

import dev.awb.runtime.ui.spi.Markup;
import dev.awb.runtime.ui.spi.Page;
import java.util.List;

/**
 * The frame around every page: title, navigation bar of the listed views, the workbench's own stylesheet and
 * script (served from the runtime jar; nothing from elsewhere), and the view's body.
 */
final class Layout {
    private Layout() {
    }

    static String render(Page page, List<Views.Entry> navigation) {
        StringBuilder html = new StringBuilder(page.body().length() + 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // An empty icon: otherwise the browser asks for /favicon.ico.
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<link rel=\"stylesheet\" href=\"/assets/workbench.css\">")
                .append("<script src=\"/assets/workbench.js\" defer></script>")
                .append("<title>").append(Markup.escape(page.title())).append(" — awb workbench</title></head><body>")
                .append("<nav><span class=\"brand\">awb workbench</span>");
        for (Views.Entry entry : navigation) {
            html.append("<a href=\"/").append(Markup.escape(entry.name())).append("\">")
                    .append(Markup.escape(entry.title())).append("</a>");
        }
        html.append("</nav><main><h1>").append(Markup.escape(page.title())).append("</h1>\n").append(page.body())
                .append("</main></body></html>\n");
        return html.toString();
    }
}
