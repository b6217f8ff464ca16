package org.framescope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tasks a model predicts, with their ordered labels. Read from and written to scheme.json. */
public record LabelScheme(String name, List<Task> tasks) {

    public LabelScheme {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("label scheme '" + name + "' has no tasks");
        }
        if (tasks.stream().map(Task::name).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("label scheme '" + name + "' repeats a task name");
        }
    }

    public Optional<Task> task(String taskName) {
        return tasks.stream().filter(t -> t.name().equals(taskName)).findFirst();
    }

    public List<String> taskNames() {
        return tasks.stream().map(Task::name).toList();
    }

    public static LabelScheme read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

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
            t.path("descriptions").fields().forEachRemaining(e -> desc.put(e.getKey(), e.getValue().asText()));
            String neutral = t.hasNonNull("neutral") ? t.get("neutral").asText() : null;
            tasks.add(new Task(t.path("name").asText(), TaskType.fromWireName(t.path("type").asText()), labels, desc, neutral));
        }
        return new LabelScheme(root.path("name").asText("unnamed"), tasks);
    }

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
