package io.pkgpulse.reporting.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

import io.pkgpulse.reporting.problems.ProblemResponses;
import io.pkgpulse.reporting.problems.ProblemTypes;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.RequestLimiter;

/**
 * Token buckets (Bucket4j) per client, in a bounded Caffeine cache: callers with an API
 * key by their user, everyone else by {@linkplain ClientAddress client address}. A bucket
 * holds a minute's worth of requests and refills continuously. Limited are the API,
 * badges and dashboard pages ({@code /api/**}, {@code /badge/**}, {@code /},
 * {@code /packages/**}); health and static assets are not.
 */
@Component
class RateLimiter implements RequestLimiter {

    public static final String LIMIT = "RateLimit-Limit";

    public static final String REMAINING = "RateLimit-Remaining";

    public static final String RESET = "RateLimit-Reset";

    public static final String POLICY = "RateLimit-Policy";

    private static final RequestMatcher LIMITED = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/api/**"),
            PathPatternRequestMatcher.pathPattern("/badge/**"), PathPatternRequestMatcher.pathPattern("/"),
            PathPatternRequestMatcher.pathPattern("/packages/**"));

    private final RateLimitProperties properties;

    private final ProblemResponses problems;

    private final Cache<String, Bucket> buckets;

    RateLimiter(RateLimitProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
        // A bucket left alone for a minute is full again, so forgetting it then changes
        // nothing.
        this.buckets = Caffeine.newBuilder()
            .maximumSize(properties.maxClients())
            .expireAfterAccess(Duration.ofMinutes(1))
            .build();
    }

    /** Whether requests to this path are limited at all. */
    @Override
    public boolean applies(HttpServletRequest request) {
        return properties.enabled() && LIMITED.matches(request);
    }

    /**
     * Counts the request against its client's bucket and adds the {@code RateLimit-*}
     * headers. When the bucket is empty, writes a 429 problem with {@code Retry-After}
     * and returns false: the request must go no further.
     */
    @Override
    public boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!applies(request)) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean apiKey = authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof AccountPrincipal principal && principal.viaApiKey();
        long limit = apiKey ? properties.apiKeyPerMinute() : properties.anonymousPerMinute();
        String client = apiKey ? "user:" + ((AccountPrincipal) authentication.getPrincipal()).userId()
                : "address:" + ClientAddress.of(request);
        Bucket bucket = buckets.get(client,
                key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
                    .build());

        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long wait = probe.isConsumed()
                ? probe.getRemainingTokens() > 0 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()
                : probe.getNanosToWaitForRefill();
        long seconds = seconds(wait);
        response.setHeader(LIMIT, Long.toString(limit));
        response.setHeader(REMAINING, Long.toString(probe.getRemainingTokens()));
        response.setHeader(RESET, Long.toString(seconds));
        response.setHeader(POLICY, limit + ";w=60");
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfter = Math.max(1, seconds);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
                "This client may make " + limit + " requests per minute; retry in " + retryAfter
                        + (retryAfter == 1 ? " second." : " seconds."),
                Map.of("retry_after", retryAfter));
        return false;
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** Forgets every client's counts. */
    void clear() {
        buckets.invalidateAll();
    }

}
