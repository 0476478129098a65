package io.augur.chaos.adaptive;

import io.augur.chaos.exec.proxy.FaultProxy;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.exec.proxy.ProxyClient;
import io.augur.domain.Checks;
import java.util.List;

/**
 * Where a local service's traffic goes: the fault proxy in front of it, in this JVM or through its
 * control API.
 */
public interface Router {
  void route(List<HostPort> upstreams);

  void limitConnections(int limit);

  String describe();

  static Router of(FaultProxy proxy) {
    Checks.nonNull("proxy", proxy);
    return new Router() {
      @Override
      public void route(List<HostPort> upstreams) {
        proxy.route(upstreams);
      }

      @Override
      public void limitConnections(int limit) {
        proxy.limitConnections(limit);
      }

      @Override
      public String describe() {
        return "proxy " + proxy.name();
      }
    };
  }

  static Router of(ProxyClient client, String proxy) {
    Checks.nonNull("client", client);
    Checks.nonBlank("proxy", proxy);
    return new Router() {
      @Override
      public void route(List<HostPort> upstreams) {
        client.route(proxy, upstreams, null);
      }

      @Override
      public void limitConnections(int limit) {
        client.route(proxy, null, limit);
      }

      @Override
      public String describe() {
        return "proxy " + proxy + " at " + client.base();
      }
    };
  }
}
