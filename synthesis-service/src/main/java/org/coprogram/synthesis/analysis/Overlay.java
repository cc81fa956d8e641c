package org.coprogram.synthesis.analysis;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only map read as a base map (never changed) with changes on top: what the incremental analysis keeps per
 * contribution (placement, fingerprint), so that an update copies the changes made since the full computation, not
 * the whole map. {@link #get} and {@link #containsKey} are O(1); iterating builds the merged map once.
 */
final class Overlay<K, V> extends AbstractMap<K, V> {

    private final Map<K, V> base;
    /** Keys changed since the base: the new value, or null when the key was removed. */
    private final Map<K, V> changes;
    private final int size;
    private Map<K, V> merged;

    private Overlay(Map<K, V> base, Map<K, V> changes, int size) {
        this.base = base;
        this.changes = changes;
        this.size = size;
    }

    /** {@code base} as it is; the caller does not change it afterwards. */
    static <K, V> Overlay<K, V> of(Map<K, V> base) {
        return base instanceof Overlay<K, V> overlay ? overlay : new Overlay<>(base, Map.of(), base.size());
    }

    /** This map with {@code put} (non-null values) set and {@code remove} removed; this map is left as it is. */
    Overlay<K, V> with(Map<K, V> put, Collection<K> remove) {
        Map<K, V> next = new HashMap<>(changes);
        int count = size;
        for (K key : remove) {
            if (containsKey(key) && !put.containsKey(key)) {
                count--;
            }
            next.put(key, null);
        }
        for (Map.Entry<K, V> e : put.entrySet()) {
            if (!containsKey(e.getKey())) {
                count++;
            }
            next.put(e.getKey(), e.getValue());
        }
        return new Overlay<>(base, next, count);
    }

    /** How many keys differ from the base (changed, added or removed). */
    int changed() {
        return changes.size();
    }

    @Override
    public V get(Object key) {
        return changes.containsKey(key) ? changes.get(key) : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public synchronized Set<Entry<K, V>> entrySet() {
        if (merged == null) {
            Map<K, V> all = new HashMap<>(base);
            changes.forEach((key, value) -> {
                if (value == null) {
                    all.remove(key);
                } else {
                    all.put(key, value);
                }
            });
            merged = Map.copyOf(all);
        }
        return merged.entrySet();
    }
}
