package dev.tributary.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report (for a request it refuses before the application sees it, such as a
 * path with an encoded '/'), written as {@code application/problem+json} instead of an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) != null ? HttpStatus.resolve(code) : HttpStatus.BAD_REQUEST;
        var problem = Problems.of(status);
        String json = "{\"type\":\"about:blank\",\"title\":\"" + problem.getTitle() + "\",\"status\":" + code
                + ",\"detail\":\"" + problem.getDetail() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer has started: nothing more can be said
        }
    }
}
