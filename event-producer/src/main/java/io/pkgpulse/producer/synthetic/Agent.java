package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;

import io.pkgpulse.producer.event.Json;

/**
 * One client, precomputed as the two ways an event can describe it, both as escaped JSON
 * member bytes: the raw {@code "user_agent":"..."} (what an index's log has) and the
 * parsed {@code "details":{...}} (what linehaul makes of it). Building them once per
 * agent instead of once per event is most of what makes the generator fast.
 *
 * @param raw the user agent, for tests and messages
 */
record Agent(String raw, byte[] userAgentMember, byte[] detailsMember) {

    /**
     * @param detailsJson the details object, or null when the agent gives none (then only
     * the raw form is used)
     */
    static Agent of(String raw, String detailsJson) {
        byte[] userAgent = ("\"user_agent\":" + Json.quote(raw)).getBytes(StandardCharsets.UTF_8);
        byte[] details = detailsJson == null ? userAgent
                : ("\"details\":" + detailsJson).getBytes(StandardCharsets.UTF_8);
        return new Agent(raw, userAgent, details);
    }

    /** An agent whose details are only an installer name and version. */
    static Agent installer(String raw, String installer, String version) {
        ObjectJson details = ObjectJson.withoutNulls()
            .put("installer", ObjectJson.withoutNulls().put("name", installer).put("version", version));
        return of(raw, details.toString());
    }
}
