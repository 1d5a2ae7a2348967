/**
 * A JUnit 5 extension in the spirit of Testcontainers' {@code @Testcontainers}: a test annotated
 * {@link dev.livetalk.junit.LiveTalk @LiveTalk} gets a {@link dev.livetalk.junit.LiveTalkRunner}
 * parameter, names a scenario ({@link dev.livetalk.junit.ScenarioSource}) and strategies (built-in
 * ones by name, its own as a class), plays them in the simulator or through Toxiproxy by the one
 * runner of module {@code run}, and asserts on {@link dev.livetalk.junit.LiveTalkResults}. A failed
 * budget fails the test with the lines the command line prints, and so does a run whose scenario's
 * budgets are all for strategies it did not play (NOT JUDGED). docs/JUNIT5.md is the user's guide.
 */
package dev.livetalk.junit;
