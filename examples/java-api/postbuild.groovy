// Post-build check of the examples/java-api run by maven-invoker-plugin (`mvn verify` in the repository root).
// Fails the root build when the example does not print the shipped model's labels for
// data/examples/sahel-defence-pact.txt, or when a dependency meant to be optional reaches a library user.

def log = new File(basedir, 'build.log').text
def tree = new File(basedir, 'dependencies.txt').text

// 1. What the example printed: one line per task, "task: [label, ...]".
def labels = [:]
log.eachLine { line ->
    def m = line =~ /^(frames|stance_west|stance_russia): \[(.*)\]$/
    if (m) {
        labels[m.group(1)] = m.group(2).split(', ').findAll { it }
    }
}
println "java-api example printed: ${labels}"
assert labels.keySet() == ['frames', 'stance_west', 'stance_russia'] as Set :
        "expected one line per task (frames, stance_west, stance_russia) in build.log, got ${labels}"
// The same facts FrameScopeTest checks on this article with the shipped model.
assert labels.frames.contains('security_cooperation') : "frames should contain security_cooperation: ${labels.frames}"
assert labels.stance_west.size() == 1 : "stance_west is single-label: ${labels.stance_west}"
assert labels.stance_russia.size() == 1 : "stance_russia is single-label: ${labels.stance_russia}"

// 2. What a library user gets: the library's own dependencies, none of the CLI / HTTP / HTML-report ones.
assert tree.contains('org.framescope:framescope:jar:') : "framescope missing from the dependency tree:\n${tree}"
['info.picocli', 'io.javalin', 'org.eclipse.jetty', 'org.jfree', 'ch.qos.logback', 'org.jetbrains.kotlin', 'io.prometheus'].each { group ->
    assert !tree.contains(group + ':') : "${group} reaches a library user; it should be <optional> in framescope's pom:\n${tree}"
}
return true
