package org.framescope.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.framescope.util.InputException;
import org.framescope.util.InputFiles;
import org.framescope.util.JsonErrors;

/**
 * The tasks a model predicts, with their ordered labels. Read from and written to
 * {@code scheme.json}:
 * <pre>{@code
 * {"name": "geo", "tasks": [
 *   {"name": "frames", "type": "multi_label", "labels": ["sovereignty", "anti_western"],
 *    "descriptions": {"sovereignty": "..."}},
 *   {"name": "stance_west", "type": "single_label", "labels": ["favorable", "unfavorable", "neutral"],
 *    "neutral": "neutral"}]}
 * }</pre>
 * A labelled CSV has one column per task, named as the task (labels of a multi-label task
 * {@code ;}-separated). Training takes a scheme; a loaded model carries the one it was trained with
 * ({@link org.framescope.FrameScope#scheme()}).
 *
 * <p><b>Thread-safety:</b> immutable (the task list is copied; tasks are immutable), safe to share.
 *
 * @param name  the scheme's name, shown in messages and manifests
 * @param tasks the tasks, in the order results and networks list them; not empty, names distinct
 */
public record LabelScheme(String name, List<Task> tasks) {

    /**
     * Checks the tasks and copies the list.
     *
     * @throws IllegalArgumentException if there are no tasks or two tasks share a name
     * @throws NullPointerException if {@code tasks} is or contains null
     */
    public LabelScheme {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("label scheme '" + name + "' has no tasks");
        }
        if (tasks.stream().map(Task::name).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("label scheme '" + name + "' repeats a task name");
        }
    }

    /**
     * The task of that name. Never throws.
     *
     * @param taskName a task's name
     * @return the task, or empty when the scheme has none of that name
     */
    public Optional<Task> task(String taskName) {
        return tasks.stream().filter(t -> t.name().equals(taskName)).findFirst();
    }

    /**
     * The tasks' names, in order. Never throws.
     *
     * @return a new immutable list of names
     */
    public List<String> taskNames() {
        return tasks.stream().map(Task::name).toList();
    }

    /**
     * Reads a {@code scheme.json} file. Thread-safe.
     *
     * @param file the scheme file
     * @return the scheme
     * @throws org.framescope.util.InputException if the file is missing, a directory, unreadable or
     *                     not valid JSON (the message names the file, line and column)
     * @throws IOException if the file cannot be read otherwise
     * @throws IllegalArgumentException if the JSON is not a valid scheme (the message names the file
     *                                  and the problem: no tasks, an unknown type, a repeated or
     *                                  malformed label...)
     */
    public static LabelScheme read(Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file.toString());
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InputException(
                    file.toString(), 0, null, "not a valid JSON label scheme: " + JsonErrors.describe(e));
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A scheme from its JSON form (as in {@code scheme.json}; a missing name is {@code "unnamed"}).
     * Thread-safe.
     *
     * @param root the JSON object
     * @return the scheme
     * @throws IllegalArgumentException if {@code root} is not a valid scheme
     */
    public static LabelScheme fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("scheme must be a JSON object");
        }
        JsonNode tasksNode = root.path("tasks");
        if (!tasksNode.isArray()) {
            throw new IllegalArgumentException("scheme needs a 'tasks' array");
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : tasksNode) {
            List<String> labels = new ArrayList<>();
            t.path("labels").forEach(l -> labels.add(l.asText()));
            Map<String, String> desc = new LinkedHashMap<>();
            t.path("descriptions")
                    .fields()
                    .forEachRemaining(e -> desc.put(e.getKey(), e.getValue().asText()));
            String neutral = t.hasNonNull("neutral") ? t.get("neutral").asText() : null;
            tasks.add(new Task(
                    t.path("name").asText(),
                    TaskType.fromWireName(t.path("type").asText()),
                    labels,
                    desc,
                    neutral));
        }
        return new LabelScheme(root.path("name").asText("unnamed"), tasks);
    }

    /**
     * The scheme's JSON form, as {@link #fromJson(JsonNode)} reads it. Never throws.
     *
     * @param mapper the Jackson mapper whose node factory builds the tree
     * @return a new JSON object
     */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", name);
        ArrayNode arr = root.putArray("tasks");
        for (Task t : tasks) {
            ObjectNode n = arr.addObject();
            n.put("name", t.name());
            n.put("type", t.type().wireName());
            ArrayNode labels = n.putArray("labels");
            t.labels().forEach(labels::add);
            if (t.neutral() != null) {
                n.put("neutral", t.neutral());
            }
            ObjectNode d = n.putObject("descriptions");
            t.descriptions().forEach(d::put);
        }
        return root;
    }
}
