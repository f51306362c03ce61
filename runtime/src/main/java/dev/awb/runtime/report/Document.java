package dev.awb.runtime.report;

import dev.awb.runtime.report.chart.Svg;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a report independent of its format: sections of plain-text paragraphs, notes, fact lists,
 * tables and figures. All strings are plain text; each writer escapes them for its format.
 */
record Document(String title, List<Section> sections) {

    /** A titled section; {@code blocks} is appended to while building. */
    record Section(String title, List<Block> blocks) {
        Section(String title) {
            this(title, new ArrayList<>());
        }

        Section add(Block block) {
            blocks.add(block);
            return this;
        }
    }

    sealed interface Block permits Paragraph, Note, Facts, Grid, Figure {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A highlighted warning or remark. */
    record Note(String text) implements Block {
    }

    /** Name–value pairs (provenance). */
    record Facts(List<String[]> pairs) implements Block {
    }

    /** A table cell: its text and whether it is emphasised (the best value of its column). */
    record Cell(String text, boolean bold) {
        static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    /** A table with a caption. */
    record Grid(String caption, List<String> headers, List<List<Cell>> rows) implements Block {
    }

    /** A chart; {@code file} is the stem of its standalone SVG file beside {@code report.md}. */
    record Figure(String file, String title, Svg svg) implements Block {
    }
}
