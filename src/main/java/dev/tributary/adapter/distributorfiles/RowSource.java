package dev.tributary.adapter.distributorfiles;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The rows of one file as text cells, in file order; CSV and xlsx each have one. */
interface RowSource extends Closeable {

    /**
     * One row of the file: {@code index} counts rows from 0 as a spreadsheet shows them (a quoted
     * CSV cell with line breaks is still one row), {@code cells} by column, null for an empty cell.
     */
    record Row(int index, List<String> cells) {

        boolean isEmpty() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }

        String cell(int column) {
            return column < cells.size() ? cells.get(column) : null;
        }
    }

    /** The next row, or null at the end of the file. */
    Row next() throws IOException;
}
