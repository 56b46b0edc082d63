package io.pkgpulse.ingest.events.useragent;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Agents whose downloads are not counted: linehaul's ignore list ({@code _ignore_re} in
 * linehaul/ua/parser.py), and, going further than linehaul on purpose, crawlers
 * (docs/events.md). Only asked about agents no installer rule recognised, so an installer
 * mentioning a "robot" somewhere is still counted.
 */
final class BotAgents {

    /**
     * linehaul's ignore list, as written there, but for its one alternative that is not
     * anchored at the start, {@code Nutch}, which {@link #isIgnored} checks on its own so
     * that this one needs to be tried at the start only.
     */
    private static final Pattern IGNORED = PythonRe
        .compile(String.join("|", "^Datadog Agent/", "^\\(null\\)$", "^WordPress/", "^Chef (?:Client|Knife)/", "^Ruby$",
                "^Slackbot-LinkExpanding", "^TextualInlineMedia/", "^WeeChat/", "^Download Master$", "^Java/",
                "^Go \\d\\.\\d package http$", "^Go-http-client/", "^GNU Guile$", "^github-olee$", "^YisouSpider$",
                "^Apache Ant/", "^Salt/", "^ansible-httpget$", "^ltx71 - \\(http://ltx71.com/\\)", "^Scrapy/",
                "^spectool/", "^AWSBrewLinkChecker/", "^Y!J-ASR/", "^NSIS_Inetc \\(Mozilla\\)$", "^Debian uscan",
                "^Pingdom\\.com_bot_version_\\d+\\.\\d+_\\(https?://www.pingdom.com/\\)$",
                "^MauiBot \\(crawler\\.feedback\\+dc@gmail\\.com\\)$", "^inspector\\.pypi\\.io$"));

    /**
     * A word ending in bot, spider or crawler. {@code CUBOT} is an Android phone brand,
     * not a crawler, and shows up in ordinary mobile browser agents.
     */
    private static final Pattern CRAWLER = Pattern
        .compile("(?i)(?:(?<!\\bcu)bot|spider|crawler)\\b|facebookexternalhit");

    /**
     * {@link #CRAWLER} is slow to search for, so it only runs on agents containing one of
     * these.
     */
    private static final List<String> CRAWLER_MARKERS = List.of("bot", "spider", "crawler", "facebookexternalhit");

    private BotAgents() {
    }

    /**
     * Whether linehaul ignores {@code agent} (does not record the download) when no
     * parser of its own, the browser one included, reads it.
     */
    static boolean isIgnored(String agent) {
        return IGNORED.matcher(agent).lookingAt() || agent.contains("Nutch");
    }

    /**
     * Whether {@code agent} names a crawler: a word ending in bot, spider or crawler,
     * {@code facebookexternalhit}, or Apache Nutch (in linehaul's ignore list, but also
     * when it poses as a browser). linehaul counts most of them
     * ({@code Mozilla/5.0 (compatible; Googlebot/2.1; ...)} as {@code Browser}); pkgpulse
     * drops them.
     */
    static boolean isCrawler(String agent) {
        if (agent.contains("Nutch")) {
            return true;
        }
        String lower = agent.toLowerCase(Locale.ROOT);
        for (String marker : CRAWLER_MARKERS) {
            if (lower.contains(marker)) {
                return CRAWLER.matcher(agent).find();
            }
        }
        return false;
    }

}
