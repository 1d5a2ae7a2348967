package dev.livetalk.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns the LiveTalk extension on for a test class: its test methods (and lifecycle methods)
 * may take a {@link LiveTalkRunner} parameter, which plays scenarios and writes each run's
 * folder under {@code target/livetalk/<test class>/<test method>/}.
 *
 * <pre>{@code
 * @LiveTalk
 * class MyStrategyTest {
 *     @Test
 *     void survivesAnOutage(LiveTalkRunner livetalk) {
 *         LiveTalkResults results = livetalk.play(ScenarioSource.file("scenarios/outage.yaml"))
 *                 .strategy(MyStrategy::new)
 *                 .strategies("reconcile") // outage.yaml's budgets are for reconcile: none judged, the test fails
 *                 .run();
 *         assertEquals(0, results.strategy("my-strategy").duplicates());
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LiveTalkExtension.class)
public @interface LiveTalk {
}
