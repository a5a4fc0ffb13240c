package dev.corsair.gateway;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Installs POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported), looked
 * up reflectively so the build's {@code -Werror} does not trip on the internal-API warning.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} on signal {@code name} (TERM, INT, HUP); false when not supported. */
  static boolean on(String name, Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object sig = signal.getConstructor(String.class).newInstance(name);
      InvocationHandler h =
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "handle":
                action.run();
                return null;
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              default:
                return "corsair " + name + " handler";
            }
          };
      Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, h);
      signal.getMethod("handle", signal, handler).invoke(null, sig, proxy);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
