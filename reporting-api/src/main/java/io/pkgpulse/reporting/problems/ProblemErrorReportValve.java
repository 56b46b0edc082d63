package io.pkgpulse.reporting.problems;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests that Tomcat itself refuses before they reach the
 * application: a malformed URL ({@code %ZZ}, {@code %00}, an encoded {@code /} or
 * {@code \}, characters such as {@code |} or {@code "}), a request line or headers larger
 * than {@code server.max-http-request-header-size}. Tomcat's own valve answers those with
 * an HTML page; this one answers with an RFC 9457 problem ({@code about:blank}, the
 * status and its reason), like every other error of the API. It writes only when nothing
 * else has: errors that reach the application keep the application's answer.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    /**
     * Replaces the host's error report valves (Tomcat's default, and Spring Boot's
     * without a report) with this one.
     */
    static void install(Context context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemErrorReportValve());
        // The host adds a valve of this class when it starts, unless one is there
        // already.
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's valve: only errors, only if nothing was written, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400
                ? "The server could not read the request: its URL or headers are malformed or too large." : null;
        // Built by hand from fixed texts (nothing from the request), so there is nothing
        // to escape.
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + "}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The client is gone or the response cannot take a body any more: nothing
            // left to tell it.
        }
    }

}
