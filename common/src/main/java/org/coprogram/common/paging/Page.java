package org.coprogram.common.paging;

import java.util.List;

/** One page of a list, as every list endpoint returns it. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
