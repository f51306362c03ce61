package dev.awb.datasets.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class names of a task and their ids: either fixed by the user, in the order given, or every label
 * seen, in order (numerically when all are integers, so "2" comes before "10").
 */
final class Labels {
    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();

    private Labels(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
    }

    /** Labels fixed by a comma-separated list, e.g. {@code "ham, spam"}; empty for none. */
    static Labels fixed(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank() && !names.contains(name.trim())) {
                names.add(name.trim());
            }
        }
        return new Labels(names);
    }

    /** Every label in {@code seen}, sorted. */
    static Labels sorted(Collection<String> seen) {
        boolean numeric = seen.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        TreeSet<String> sorted = new TreeSet<>(numeric
                ? java.util.Comparator.comparingInt(Integer::parseInt)
                : java.util.Comparator.<String>naturalOrder());
        sorted.addAll(seen);
        return new Labels(new ArrayList<>(sorted));
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    List<String> names() {
        return names;
    }

    /** The id of {@code name}, or -1 if it is not a label of this task. */
    int id(String name) {
        return ids.getOrDefault(name, -1);
    }
}
