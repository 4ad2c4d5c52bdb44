package dev.stagecraft.cli;

import java.time.Duration;
import java.time.Instant;

/** Times as Docker prints them in tables: {@code 2 hours ago}, {@code About a minute ago}. */
final class RelativeTime {
    private RelativeTime() {
    }

    /** How long before {@code now} {@code then} was, in Docker's words, with {@code ago}. */
    static String ago(Instant then, Instant now) {
        return human(Duration.between(then, now)) + " ago";
    }

    /** go-units {@code HumanDuration}. */
    static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }
}
