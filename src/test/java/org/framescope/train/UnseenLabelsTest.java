package org.framescope.train;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.framescope.TestSchemes;
import org.framescope.data.Corpus;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Regression (#9): a label of the scheme with no training example was learnt silently as "never". */
class UnseenLabelsTest {

    @Test
    void trainingWarnsOncePerTaskAboutLabelsWithoutExamples() throws Exception {
        StringBuilder csv = new StringBuilder("id,text,frames,stance,split\n");
        for (int i = 0; i < 12; i++) {
            String frame = i % 2 == 0 ? "a" : "";
            String stance = i % 3 == 0 ? "favor" : "none";
            csv.append("t")
                    .append(i)
                    .append(",Article ")
                    .append(i)
                    .append(" about ")
                    .append(frame.isEmpty() ? "weather" : "defence talks")
                    .append(" and more words.,")
                    .append(frame)
                    .append(',')
                    .append(stance)
                    .append(",train\n");
        }
        // Dev and test have label b: examples outside the training split do not count.
        csv.append("d1,Dev article on trade and b things.,b,against,dev\nd2,Another dev article.,a,none,dev\n");
        Corpus c = TrainerTest.corpus(csv.toString());
        Logger log = (Logger) LoggerFactory.getLogger(Trainer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            new Trainer(TrainerTest.lexicalConfig().withEpochs(2, 1))
                    .train(TestSchemes.tiny(), c, c.split("train"), c.split("dev"), null);
        } finally {
            log.detachAppender(events);
        }
        List<String> warns = events.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(warns)
                .contains(
                        "task 'frames': no training example of labels b, c: the model cannot learn them",
                        "task 'stance': no training example of label against: the model cannot learn it");
    }
}
