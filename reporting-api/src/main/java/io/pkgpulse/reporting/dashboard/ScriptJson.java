package io.pkgpulse.reporting.dashboard;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON that is safe inside {@code <script type="application/json">}: {@code <}, {@code >}
 * and {@code &} (which can only occur inside JSON strings) are written as
 * {@code \}{@code u003c}-style escapes, so no data (a package summary, a category) can
 * close the element or open a comment; U+2028 and U+2029 likewise. The page reads it back
 * with {@code JSON.parse(element.textContent)}.
 */
final class ScriptJson {

    /**
     * Our own mapper: the application's is configured for the API (snake_case names), not
     * for this contract.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ScriptJson() {
    }

    static String write(Object value) {
        String json = MAPPER.writeValueAsString(value);
        StringBuilder safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

}
