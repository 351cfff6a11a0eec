package dev.mailgate.platform.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Writes the record or map an API handler returns straight to the JSON converter when the
 * caller asks for plain JSON, as nearly every API client does
 * ({@code Accept: application/json}, {@code *}{@code /*} or no {@code Accept} at all).
 * <p>
 * For every answer, Spring MVC first asks each of its return value handlers whether the
 * value is asynchronous and which of them takes it, then negotiates the media type: it
 * parses {@code Accept}, asks every converter what it could write, sorts the compatible
 * types and asks the converters again. For a record or a map and one of these three
 * {@code Accept} values the outcome is always the same: {@code application/json} from the
 * first converter that writes it as JSON. Here it is decided once per handler method (and
 * class of value), which took about 5 % off an API GET's CPU (docs/benchmarks.md), and
 * the converter writes the value exactly as Spring's processor would have (same
 * converter, type, media type and headers).
 * <p>
 * Everything else goes the way it went before: other return types, other {@code Accept}
 * values (so {@code application/xml} still gets 406), a mapping that declares
 * {@code produces}, a content type the handler set itself, a path whose last segment has
 * a dot (Spring's guard against reflected file downloads may add a
 * {@code Content-Disposition}), and {@code @JsonView}. The shortcut is not installed at
 * all if the application has a {@code ResponseBodyAdvice} or an asynchronous return value
 * handler, since those may change a body or its handling.
 */
@Component
class DirectJsonBodies implements BeanPostProcessor {

	private final ApplicationContext context;

	DirectJsonBodies(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null
				&& noResponseBodyAdvice()) {
			Handler handler = Handler.over(adapter.getReturnValueHandlers(), adapter.getMessageConverters());
			if (handler != null) {
				adapter.setReturnValueHandlers(List.of(handler));
			}
		}
		return bean;
	}

	private boolean noResponseBodyAdvice() {
		return ControllerAdviceBean.findAnnotatedBeans(this.context)
			.stream()
			.map(ControllerAdviceBean::getBeanType)
			.noneMatch((type) -> type != null && ResponseBodyAdvice.class.isAssignableFrom(type));
	}

	/**
	 * The adapter's one return value handler: the shortcut for a record or map as plain
	 * JSON, and Spring's own handlers, in their order, for everything else. It is
	 * synchronous, like every one of Spring's own.
	 */
	static final class Handler implements HandlerMethodReturnValueHandler {

		private final HandlerMethodReturnValueHandlerComposite spring;

		private final RequestResponseBodyMethodProcessor bodies;

		private final List<HttpMessageConverter<?>> converters;

		private final Map<Method, Decision> decisions = new ConcurrentHashMap<>();

		private Handler(List<HandlerMethodReturnValueHandler> handlers, RequestResponseBodyMethodProcessor bodies,
				List<HttpMessageConverter<?>> converters) {
			this.spring = new HandlerMethodReturnValueHandlerComposite().addHandlers(handlers);
			this.bodies = bodies;
			this.converters = converters;
		}

		/**
		 * The handler over Spring's, or {@code null} where it must not stand in: an
		 * asynchronous handler among them (which the adapter must see), or no processor
		 * for response bodies.
		 */
		static @Nullable Handler over(List<HandlerMethodReturnValueHandler> handlers,
				List<HttpMessageConverter<?>> converters) {
			RequestResponseBodyMethodProcessor bodies = null;
			for (HandlerMethodReturnValueHandler handler : handlers) {
				if (handler instanceof AsyncHandlerMethodReturnValueHandler || handler instanceof Handler) {
					return null;
				}
				if (bodies == null && handler instanceof RequestResponseBodyMethodProcessor processor) {
					bodies = processor;
				}
			}
			return (bodies != null) ? new Handler(handlers, bodies, new ArrayList<>(converters)) : null;
		}

		/**
		 * Every type: what none of Spring's handlers supports fails in Spring's composite
		 * with the error it always gave.
		 */
		@Override
		public boolean supportsReturnType(MethodParameter returnType) {
			return true;
		}

		@Override
		public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
				ModelAndViewContainer container, NativeWebRequest webRequest) throws Exception {
			Method method = returnType.getMethod();
			Target target = (returnValue != null && method != null) ? target(method, returnType, returnValue.getClass())
					: null;
			if (target == null) {
				this.spring.handleReturnValue(returnValue, returnType, container, webRequest);
				return;
			}
			HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
			HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
			if (request == null || response == null || !plainJson(request, response)) {
				this.bodies.handleReturnValue(returnValue, returnType, container, webRequest);
				return;
			}
			container.setRequestHandled(true);
			target.converter()
				.write(returnValue, target.type(), MediaType.APPLICATION_JSON, new ServletServerHttpResponse(response),
						null);
		}

		/**
		 * The converter that writes what this method returned, if the shortcut applies;
		 * decided again whenever the method returns a value of another class than the one
		 * decided for (a map's class may vary, a record's cannot).
		 */
		private @Nullable Target target(Method method, MethodParameter returnType, Class<?> valueClass) {
			Decision decision = this.decisions.get(method);
			if (decision == null || decision.valueClass() != valueClass) {
				decision = new Decision(valueClass, decide(method, returnType, valueClass));
				this.decisions.put(method, decision);
			}
			return decision.target();
		}

		@SuppressWarnings("unchecked")
		private @Nullable Target decide(Method method, MethodParameter returnType, Class<?> valueClass) {
			Class<?> declared = method.getReturnType();
			if (!(declared.isRecord() || Map.class.isAssignableFrom(declared))
					|| returnType.hasMethodAnnotation(JsonView.class) || chosenBySpring(returnType) != this.bodies) {
				return null;
			}
			// the type Spring's processor hands the converter
			ResolvableType type = ResolvableType.forType(
					GenericTypeResolver.resolveType(method.getGenericReturnType(), returnType.getContainingClass()));
			for (HttpMessageConverter<?> converter : this.converters) {
				if (converter instanceof SmartHttpMessageConverter<?> smart
						&& smart.canWrite(type, valueClass, MediaType.APPLICATION_JSON)) {
					return new Target((SmartHttpMessageConverter<Object>) smart, type);
				}
				if (converter.canWrite(valueClass, MediaType.APPLICATION_JSON)) {
					// a converter Spring would ask in another way: leave it to Spring
					return null;
				}
			}
			return null;
		}

		private @Nullable HandlerMethodReturnValueHandler chosenBySpring(MethodParameter returnType) {
			// the composite's own selection is private: the same first match, asked here
			for (HandlerMethodReturnValueHandler handler : this.spring.getHandlers()) {
				if (handler.supportsReturnType(returnType)) {
					return handler;
				}
			}
			return null;
		}

		/**
		 * Whether Spring's negotiation would certainly choose {@code application/json}
		 * and add nothing of its own.
		 */
		private static boolean plainJson(HttpServletRequest request, HttpServletResponse response) {
			if (response.getContentType() != null
					|| request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) != null) {
				return false;
			}
			String uri = request.getRequestURI();
			int lastSegment = uri.lastIndexOf('/');
			if (uri.indexOf('.', lastSegment) >= 0 || uri.indexOf('%', lastSegment) >= 0) {
				return false;
			}
			Enumeration<String> accepts = request.getHeaders("Accept");
			if (accepts == null || !accepts.hasMoreElements()) {
				return true;
			}
			String accept = accepts.nextElement().strip();
			return !accepts.hasMoreElements() && (accept.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)
					|| accept.equals(MediaType.ALL_VALUE) || accept.isEmpty());
		}

		/**
		 * Whether the value this handler method last returned is one the shortcut writes
		 * (when the request asks for plain JSON); for tests.
		 */
		boolean wroteDirectly(Method method) {
			Decision decision = this.decisions.get(method);
			return decision != null && decision.target() != null;
		}

		/**
		 * Handlers Spring would have chosen, in its order; for tests.
		 */
		List<HandlerMethodReturnValueHandler> springHandlers() {
			return this.spring.getHandlers();
		}

	}

	private record Target(SmartHttpMessageConverter<Object> converter, ResolvableType type) {
	}

	private record Decision(Class<?> valueClass, @Nullable Target target) {
	}

}
