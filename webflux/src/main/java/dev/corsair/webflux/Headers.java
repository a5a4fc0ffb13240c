package dev.corsair.webflux;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * Reads and removes {@link HttpHeaders} fields on Spring Framework 6.2 and 7 alike: Spring 7's
 * {@code HttpHeaders} is no longer a {@code Map}, so {@code get} and {@code remove} take a {@code
 * String} there and an {@code Object} in 6.2, two methods no single compiled call reaches.
 */
final class Headers {
  private static final MethodHandle GET = find("get");
  private static final MethodHandle REMOVE = find("remove");

  private Headers() {}

  private static MethodHandle find(String name) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      return lookup.findVirtual(
          HttpHeaders.class, name, MethodType.methodType(List.class, String.class));
    } catch (NoSuchMethodException | IllegalAccessException spring6) {
      try {
        return lookup
            .findVirtual(HttpHeaders.class, name, MethodType.methodType(List.class, Object.class))
            .asType(MethodType.methodType(List.class, HttpHeaders.class, String.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /** Every field line of {@code name} (case-insensitive), or null when absent. */
  @SuppressWarnings("unchecked")
  static List<String> lines(HttpHeaders headers, String name) {
    try {
      return (List<String>) GET.invokeExact(headers, name);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The field's lines joined with {@code separator}, or null when absent. */
  static String joined(HttpHeaders headers, String name, String separator) {
    List<String> lines = lines(headers, name);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    return lines.size() == 1 ? lines.get(0) : String.join(separator, lines);
  }

  static void remove(HttpHeaders headers, String name) {
    try {
      Object ignored = (List<?>) REMOVE.invokeExact(headers, name);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The names currently set, as the server spells them. */
  static List<String> names(HttpHeaders headers) {
    List<String> names = new ArrayList<>();
    headers.forEach((name, values) -> names.add(name));
    return names;
  }
}
