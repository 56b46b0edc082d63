package io.pkgpulse.ingest.archive;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

import io.pkgpulse.model.archive.ArchiveException;
import io.pkgpulse.model.archive.ArchiveLoader;
import io.pkgpulse.model.archive.DownloadArchive;

/**
 * The worker jar's archive commands, run instead of the worker when the first argument
 * names one:
 *
 * <pre>
 * java -jar ingest-worker.jar load-archive FILE...     load archive files back into their days' partitions
 * java -jar ingest-worker.jar unload-archive DAY...    drop loaded days again (their files stay)
 * java -jar ingest-worker.jar list-archives            the archived days, their files and states
 * </pre>
 *
 * Arguments starting with {@code --} are Spring Boot properties, as for the worker (the
 * database comes from the same settings: {@code SPRING_DATASOURCE_URL},
 * {@code --spring.profiles.active=local}, ...). Each file or day is its own transaction;
 * a refused one is reported on standard error and the others are still done. Exit status:
 * 0 when everything was done, 1 when something was refused or failed, 2 for a usage
 * error.
 */
public final class ArchiveCommand {

    public static final String LOAD = "load-archive";

    public static final String UNLOAD = "unload-archive";

    public static final String LIST = "list-archives";

    private static final Set<String> COMMANDS = Set.of(LOAD, UNLOAD, LIST);

    private static final String USAGE = """
            usage: java -jar ingest-worker.jar load-archive FILE... [--property=value...]
                   java -jar ingest-worker.jar unload-archive DAY... [--property=value...]
                   java -jar ingest-worker.jar list-archives [--property=value...]
              FILE is an archive the worker wrote, downloads-YYYY-MM-DD.csv.gz; DAY is YYYY-MM-DD.""";

    /** The command's own defaults: quiet, unless the caller sets logging levels. */
    private static final Map<String, Object> DEFAULTS = Map.of("logging.level.root", "WARN",
            "logging.level.org.springframework.boot.SpringApplication", "OFF",
            "logging.level.org.springframework.context", "ERROR", "spring.main.log-startup-info", "false");

    private ArchiveCommand() {
    }

    /**
     * Whether these program arguments ask for an archive command rather than the worker.
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command {@code args[0]}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        List<String> operands = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            (args[i].startsWith("--") ? properties : operands).add(args[i]);
        }
        List<LocalDate> days = new ArrayList<>();
        if (command.equals(LIST) != operands.isEmpty()) {
            err.println(command + ": " + (operands.isEmpty() ? "nothing to do" : "takes no operands") + "\n" + USAGE);
            return 2;
        }
        if (command.equals(UNLOAD)) {
            for (String operand : operands) {
                try {
                    days.add(LocalDate.parse(operand));
                }
                catch (DateTimeParseException ex) {
                    err.println(command + ": not a day: '" + operand + "' (expected YYYY-MM-DD)\n" + USAGE);
                    return 2;
                }
            }
        }

        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(ArchiveCommandApplication.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties(DEFAULTS)
                .run(properties.toArray(String[]::new));
        }
        catch (RuntimeException ex) {
            err.println(command + ": cannot start: " + startFailure(ex));
            return 1;
        }
        try (context) {
            ArchiveLoader loader = context.getBean(ArchiveLoader.class);
            if (command.equals(LIST)) {
                list(loader.archives(), out);
                return 0;
            }
            int failures = 0;
            for (int i = 0; i < operands.size(); i++) {
                String operand = operands.get(i);
                try {
                    if (command.equals(LOAD)) {
                        load(loader, Path.of(operand), out);
                    }
                    else {
                        loader.unload(days.get(i));
                        out.println("Unloaded " + days.get(i) + ": its partition is dropped; its rows are in "
                                + loader.archive(days.get(i)).map(DownloadArchive::path).orElseThrow());
                    }
                }
                catch (ArchiveException ex) {
                    err.println(command + ": " + operand + ": refused: " + ex.getMessage());
                    failures++;
                }
                catch (DataAccessException ex) {
                    err.println(command + ": " + operand + ": failed: "
                            + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    /**
     * What PostgreSQL or the driver said (e.g. that the connection was refused), else the
     * deepest cause.
     */
    private static String startFailure(Throwable ex) {
        String sql = null;
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException) {
                sql = cause.getMessage();
            }
        }
        return sql != null ? sql : NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
    }

    private static void load(ArchiveLoader loader, Path file, PrintStream out) {
        ArchiveLoader.Loaded loaded = loader.load(file);
        out.println("Loaded " + file.toAbsolutePath().normalize() + ": " + loaded.loaded() + " row(s) of "
                + loaded.day() + " into " + loaded.partition()
                + (loaded.skipped() > 0
                        ? " (" + loaded.skipped() + " row(s) of packages or releases deleted since" + " skipped)" : "")
                + ". Rollups unchanged: they count these downloads already. The worker keeps this day until " + UNLOAD
                + " " + loaded.day());
    }

    private static void list(List<DownloadArchive> archives, PrintStream out) {
        out.println("day         state     rows  file");
        for (DownloadArchive archive : archives) {
            out.printf("%s  %-8s %6d  %s%n", archive.day(), archive.loaded() ? "loaded" : "archived", archive.rows(),
                    archive.path());
        }
    }

}
