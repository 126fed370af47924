package dev.workflowchat.state.machine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project's sprints: the open one (planned, active or paused), the one in review, and the
 * record of those before. Planning picks its stories (named, or by priority and velocity),
 * ending reviews them; plain Java, no I/O.
 */
public final class Sprints {

    private final List<Sprint> all = new ArrayList<>();

    public List<Sprint> all() {
        return List.copyOf(all);
    }

    public void restore(List<Sprint> sprints) {
        all.clear();
        all.addAll(sprints);
    }

    /** The latest sprint, if it isn't closed. */
    public Optional<Sprint> current() {
        return all.isEmpty() || all.get(all.size() - 1).status() == Sprint.SprintStatus.CLOSED
                ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Points done in the last sprint that ended; what the next plan is sized by. */
    Optional<Integer> velocity() {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).endedAt() != null) {
                return Optional.of(all.get(i).donePoints());
            }
        }
        return Optional.empty();
    }

    /**
     * The stories a plan takes: those named (each must be in the backlog), or else, after a
     * sprint, the most urgent that fit the last one's velocity, or for a first sprint every
     * {@code top} and {@code high} one.
     */
    WorkItems.Change<List<Story>> choose(SprintPlan plan, WorkItems items) {
        List<Story> chosen = new ArrayList<>();
        if (!plan.storyIds().isEmpty()) {
            for (String id : plan.storyIds()) {
                Optional<Story> story = items.story(id);
                if (story.isEmpty()) {
                    return WorkItems.Change.refused("No story " + id + " in this project.");
                }
                if (story.get().status() != StoryStatus.BACKLOG) {
                    return WorkItems.Change.refused("Story " + id + " is " + story.get().status().label()
                            + ", not in the backlog.");
                }
                chosen.add(story.get());
            }
            return WorkItems.Change.done(chosen);
        }
        List<Story> backlog = items.backlog().stream().filter(story -> story.status() == StoryStatus.BACKLOG).toList();
        Optional<Integer> velocity = velocity();
        if (velocity.isEmpty()) {
            backlog.stream().filter(story -> story.priority() == Priority.TOP || story.priority() == Priority.HIGH)
                    .forEach(chosen::add);
        } else {
            int room = Math.max(velocity.get(), 1);
            for (Story story : backlog) {
                int points = story.points() == null ? 0 : story.points();
                if (points <= room) {
                    chosen.add(story);
                    room -= points;
                }
            }
        }
        return chosen.isEmpty()
                ? WorkItems.Change.refused("No stories to plan: name them (" + SprintPlan.USAGE + "), or give some "
                        + "top or high priority.")
                : WorkItems.Change.done(chosen);
    }

    Sprint plan(SprintPlan plan, List<Story> stories, String by, Instant at) {
        int points = stories.stream().mapToInt(story -> story.points() == null ? 0 : story.points()).sum();
        Sprint sprint = Sprint.planned(all.size() + 1, plan.goal(), plan.days(),
                stories.stream().map(Story::id).toList(), points, by, at);
        all.add(sprint);
        return sprint;
    }

    /** Replaces the latest sprint by its changed copy. */
    Sprint update(Sprint changed) {
        all.set(all.size() - 1, changed);
        return changed;
    }
}
