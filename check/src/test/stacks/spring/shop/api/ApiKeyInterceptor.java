package shop.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Answers 401 on /api/secure without X-Api-Key: it runs on preflights too. */
@Configuration
public class ApiKeyInterceptor implements HandlerInterceptor, WebMvcConfigurer {
  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    if (request.getHeader("X-Api-Key") == null) {
      response.setStatus(401);
      return false;
    }
    return true;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/secure");
  }
}
