package shop.api;

import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ItemsController {
  @RequestMapping({"/api/items", "/api/secure", "/api/private"})
  public Map<String, Object> items() {
    return Map.of("ok", true);
  }
}
