package io.pkgpulse.producer.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small integer ids for the projects a replay meets, so the run's tally can count them in
 * an array.
 */
final class ProjectIds {

    private final Map<String, Integer> ids = new HashMap<>();

    private final List<String> names = new ArrayList<>();

    int idOf(String normalisedName) {
        Integer id = ids.get(normalisedName);
        if (id == null) {
            id = names.size();
            ids.put(normalisedName, id);
            names.add(normalisedName);
        }
        return id;
    }

    String name(int id) {
        return names.get(id);
    }

}
