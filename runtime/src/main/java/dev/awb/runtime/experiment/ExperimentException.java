package dev.awb.runtime.experiment;

import dev.awb.runtime.AwbException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an experiment file is unreadable or invalid; it carries every problem found, each with its
 * file position, and maps to exit code 2 (bad input).
 */
public class ExperimentException extends AwbException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ExperimentException(List<Problem> problems) {
        super(BAD_INPUT, problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())), null);
        this.problems = List.copyOf(problems);
    }

    public ExperimentException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One line per problem. */
    @Override
    public List<String> messages() {
        return problems.stream().map(Problem::toString).toList();
    }
}
