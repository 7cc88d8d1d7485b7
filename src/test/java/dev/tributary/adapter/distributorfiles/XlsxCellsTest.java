package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Proves that an xlsx cell the library cannot turn into a value becomes a readable problem on its field, never an exception for the whole file. */
class XlsxCellsTest {

    @Test
    void should_read_a_date_cell_with_a_serial_no_calendar_has_as_its_number_so_the_date_check_names_it()
            throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Cell cell = workbook.createSheet().createRow(0).createCell(0);
            cell.setCellValue(-5);
            cell.setCellStyle(dateStyle);

            String text = XlsxRows.text(cell);

            assertThat(text).isEqualTo("-5");
            List<FieldError> problems = new ArrayList<>();
            assertThat(Cells.date(text, "orderDate", problems)).isNull();
            assertThat(problems).containsExactly(new FieldError("orderDate",
                    "'-5' is not a date such as " + Cells.DATE_FORMS));
        }
    }
}
