package io.pkgpulse.reporting.badges;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;

import io.pkgpulse.reporting.HttpApi;
import io.pkgpulse.reporting.RollupSeed;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.TestInfrastructure;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class BadgeTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    HttpApi api;

    @BeforeEach
    void seed() {
        api = new HttpApi(port);
        RollupSeed seed = new RollupSeed(jdbc, changes);
        seed.truncate();
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        long flask = seed.pkg("Flask");
        long release = seed.release(flask, "3.0.3");
        seed.downloads(flask, release, yesterday, false, 1234);
        seed.downloads(flask, release, yesterday.minusDays(10), false, 40_000);
        seed.downloads(flask, release, yesterday.minusDays(100), false, 1_000_000);
        seed.downloads(flask, release, yesterday, true, 999_999); // mirrors are not
                                                                  // counted
    }

    @Test
    void aBadgeIsValidSvgWithAHumanNumberPerPeriod() throws Exception {
        HttpResponse<String> month = api.get("/badge/flask.svg");

        assertThat(month.statusCode()).isEqualTo(200);
        assertThat(month.headers().firstValue("Content-Type")).get().asString().startsWith("image/svg+xml");
        // Last month ends yesterday: cached for an hour, or until midnight when the month
        // moves on.
        assertThat(month.headers().firstValue("Cache-Control")).get().asString().matches("max-age=\\d+, public");
        assertThat(Long.parseLong(month.headers().firstValue("Cache-Control").get().replaceAll("\\D", "")))
            .isBetween(0L, 3600L);
        assertThat(month.headers().firstValue("ETag")).isPresent();
        Document svg = parse(month.body());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("downloads: 41k/month");
        assertThat(label(api.get("/badge/Flask.svg?period=day"))).isEqualTo("downloads: 1.2k/day");
        assertThat(label(api.get("/badge/flask.svg?period=week"))).isEqualTo("downloads: 1.2k/week");
        assertThat(label(api.get("/badge/flask.svg?period=total"))).isEqualTo("downloads: 1.0M");
    }

    @Test
    void anyLabelIsEscapedAndStillValidXml() throws Exception {
        String label = "<script>alert('x')</script> & \"q\" \u0007";
        HttpResponse<String> badge = api
            .get("/badge/flask.svg?label=" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "&color=brightgreen");

        assertThat(badge.body()).doesNotContain("<script>").contains("fill=\"#4c1\"");
        assertThat(parse(badge.body()).getDocumentElement().getAttribute("aria-label"))
            .isEqualTo("<script>alert('x')</script> & \"q\" : 41k/month");
    }

    @Test
    void badParametersAndUnknownPackagesAreProblems() {
        assertThat(api.get("/badge/flask.svg?period=year").statusCode()).isEqualTo(400);
        assertThat(api.get("/badge/flask.svg?color=url(javascript:x)").statusCode()).isEqualTo(400);
        assertThat(api.get("/badge/flask.svg?label=" + "x".repeat(65)).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = api.get("/badge/no-such-package.svg", "Accept", "image/svg+xml");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).get()
            .asString()
            .startsWith("application/problem+json");
    }

    @Test
    void namesWithDotsWork() throws Exception {
        RollupSeed seed = new RollupSeed(jdbc, changes);
        long zope = seed.pkg("zope.interface");
        seed.downloads(zope, seed.release(zope, "7.0"), LocalDate.now(clock).minusDays(1), false, 3);

        assertThat(label(api.get("/badge/zope.interface.svg?period=day"))).isEqualTo("downloads: 3/day");
    }

    private static String label(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body()).getDocumentElement().getAttribute("aria-label");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

}
