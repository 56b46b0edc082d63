package io.pkgpulse.ingest.useragent;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bots, crawlers and monitoring agents, whose downloads are not counted: the agents linehaul knows, plus any agent
 * naming a crawler ({@code Googlebot}, {@code Baiduspider}, ...). Only asked about agents no installer rule
 * recognised, so an installer mentioning a "robot" somewhere is still counted.
 */
final class BotAgents {

    private static final Set<String> EXACT = Set.of("(null)", "Ruby", "Download Master", "GNU Guile", "github-olee",
            "YisouSpider", "ansible-httpget", "NSIS_Inetc (Mozilla)", "inspector.pypi.io");

    private static final List<String> PREFIXES = List.of("Datadog Agent/", "WordPress/", "Chef Client/",
            "Chef Knife/", "Slackbot-LinkExpanding", "TextualInlineMedia/", "WeeChat/", "Java/", "Go-http-client/",
            "Apache Ant/", "Salt/", "ltx71 - (http://ltx71.com/)", "Scrapy/", "spectool/", "AWSBrewLinkChecker/",
            "Y!J-ASR/", "Debian uscan", "Pingdom.com_bot_version_", "MauiBot");

    private static final Pattern GO_PACKAGE_HTTP = Pattern.compile("Go \\d\\.\\d package http");

    /**
     * A word ending in bot, spider or crawler. {@code CUBOT} is an Android phone brand, not a crawler, and shows up
     * in ordinary mobile browser agents.
     */
    private static final Pattern CRAWLER =
            Pattern.compile("(?i)(?:(?<!\\bcu)bot|spider|crawler)\\b|facebookexternalhit");

    /** {@link #CRAWLER} is slow to search for, so it only runs on agents containing one of these. */
    private static final List<String> CRAWLER_MARKERS = List.of("bot", "spider", "crawler", "facebookexternalhit");

    private BotAgents() {
    }

    static boolean isBot(String agent) {
        return EXACT.contains(agent) || startsWithAny(agent) || agent.contains("Nutch")
                || agent.startsWith("Go ") && GO_PACKAGE_HTTP.matcher(agent).matches()
                || namesCrawler(agent);
    }

    private static boolean startsWithAny(String agent) {
        for (String prefix : PREFIXES) {
            if (agent.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesCrawler(String agent) {
        String lower = agent.toLowerCase(Locale.ROOT);
        for (String marker : CRAWLER_MARKERS) {
            if (lower.contains(marker)) {
                return CRAWLER.matcher(agent).find();
            }
        }
        return false;
    }
}
