//! Go's `text/tabwriter` column algorithm (space padding, no flags), which kubectl uses for tables (min width 6, padding 3) and describe output (min width 0, padding 2).

/// Aligns tab-separated cells: each column block (consecutive lines that have a cell in that column) is as wide as its widest cell plus `padding`, at least `min_width`; the last cell of a line is never padded.
pub fn align(text: &str, min_width: usize, padding: usize) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    // A trailing newline leaves an empty last line that is not output.
    let trailing_newline = text.ends_with('\n');
    if trailing_newline {
        lines.pop();
    }
    let mut out = String::new();
    let mut widths = Vec::new();
    format(
        &lines,
        0,
        lines.len(),
        &mut widths,
        min_width,
        padding,
        &mut out,
    );
    if !trailing_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn width_of(cell: &str) -> usize {
    cell.chars().count()
}

fn format(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    min_width: usize,
    padding: usize,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        // A column block starts here: print the lines before it.
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = min_width;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(width_of(lines[this][column]) + padding);
            this += 1;
        }
        widths.push(width);
        format(lines, line0, this, widths, min_width, padding, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j < widths.len() && j + 1 < line.len() {
                for _ in width_of(cell)..widths[j] {
                    out.push(' ');
                }
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_at_lines_without_the_column() {
        let text = "Name:\tweb\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nConditions:\n  Type\tStatus\n  Ready \tTrue \n";
        assert_eq!(
            align(text, 0, 2),
            "Name:             web\nService Account:  default\nIPs:\n  IP:  10.0.0.1\nConditions:\n  Type    Status\n  Ready   True \n"
        );
    }

    #[test]
    fn nested_columns_align_within_their_block() {
        let text = "Port:\thttp\t80/TCP\nTargetPort:\t8080/TCP\nNodePort:\thttp\t31234/TCP\n";
        assert_eq!(
            align(text, 0, 2),
            "Port:        http  80/TCP\nTargetPort:  8080/TCP\nNodePort:    http  31234/TCP\n"
        );
        assert_eq!(align("a\tb\n\tc\n", 6, 3), "a     b\n      c\n");
    }
}
