package dev.corsair;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The settings of one policy once {@link PolicyValidator} accepted them: parsed, deduplicated. */
record ValidSettings(
    List<OriginRule> origins,
    Predicate<String> originPredicate,
    List<String> methods,
    List<String> headers,
    List<String> exposed,
    boolean credentials,
    Integer maxAge,
    boolean privateNetwork,
    int preflightStatus,
    List<PathPattern> paths,
    Duration logWindow,
    System.Logger.Level logLevel,
    List<String> warnings,
    Map<Setting, String> names) {}
