package org.framescope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.framescope.result.ArticleInput;

/**
 * The {@code POST /v1/classify} body parser on arbitrary bytes, with the service's default limits.
 * Bad input may only end in an {@link ApiException} with a 4xx status; a parsed request must be
 * within the limits.
 */
class ClassifyRequestFuzzTest {

    private static final ServerConfig LIMITS = ServerConfig.defaults();

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] body) {
        ClassifyRequest req;
        try {
            req = ClassifyRequest.parse(body, LIMITS.maxArticles(), LIMITS.maxTextChars());
        } catch (ApiException e) {
            assertThat(e.status()).isIn(400, 413);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(req.articles()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxArticles());
        for (ArticleInput a : req.articles()) {
            assertThat(a.text()).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxTextChars());
        }
        assertThat(req.batch() || req.articles().size() == 1).isTrue();
    }
}
