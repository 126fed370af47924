package dev.workflowchat.state.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /sprint plan <duration> [story ids…] ["goal"]} says: a length of 1 to
 * {@value #MAX_DAYS} days ({@code 10d}, {@code 2w}; none: two weeks), the stories named, and a
 * goal (the last argument when it isn't a story id).
 */
record SprintPlan(int days, List<String> storyIds, String goal) {

    static final int MAX_DAYS = 60;
    static final int DEFAULT_DAYS = 14;
    static final String USAGE = "/sprint plan <duration> [story ids…] [\"goal\"] (a duration like 1w or 10d)";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})([dw])");

    /** The plan, or a refusal saying what doesn't fit. */
    static WorkItems.Change<SprintPlan> parse(List<String> args) {
        int days = DEFAULT_DAYS;
        int next = 0;
        if (!args.isEmpty()) {
            Matcher duration = DURATION.matcher(args.get(0).strip().toLowerCase(Locale.ROOT));
            if (duration.matches()) {
                days = Integer.parseInt(duration.group(1)) * ("w".equals(duration.group(2)) ? 7 : 1);
                if (days < 1 || days > MAX_DAYS) {
                    return WorkItems.Change.refused("A sprint lasts 1 day to " + MAX_DAYS + " days, not " + args.get(0) + ".");
                }
                next = 1;
            } else if (WorkText.id('S', args.get(0)) == null && args.size() == 1 && looksLikeDuration(args.get(0))) {
                return WorkItems.Change.refused("A duration is a number of days or weeks, like 10d or 2w, not " + args.get(0) + ".");
            }
        }
        List<String> ids = new ArrayList<>();
        String goal = null;
        for (int i = next; i < args.size(); i++) {
            String id = WorkText.id('S', args.get(i));
            if (id != null) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            } else if (i == args.size() - 1) {
                goal = args.get(i).strip();
            } else {
                return WorkItems.Change.refused("Not a story id: " + args.get(i) + ". Put the goal last, in quotes.");
            }
        }
        if (goal != null) {
            var problem = WorkText.titleProblem(goal);
            if (problem.isPresent()) {
                return WorkItems.Change.refused(problem.get().replace("A title", "A goal"));
            }
        }
        return WorkItems.Change.done(new SprintPlan(days, ids, goal));
    }

    private static boolean looksLikeDuration(String text) {
        return text.strip().matches("\\d+\\s*[a-zA-Z]+");
    }
}
