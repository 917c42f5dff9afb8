//! Go's `text/tabwriter` column algorithm (space padding, no flags), which kubectl uses for tables (min width 6, padding 3) and describe output (min width 0, padding 2).

/// Aligns tab-separated cells: each column block (consecutive lines that have a cell in that column) is as wide as its widest cell plus `padding`, at least `min_width`; the last cell of a line is never padded.
pub fn align(text: &str, min_width: usize, padding: usize) -> String {
    align_with(text, min_width, padding, None)
}

/// Aligns as [`align`] does but pads with tabs, as Go's tabwriter with `'\t'` as the pad character (oc's describers
/// and `oc rollout history`): column widths are rounded up to a multiple of `tab_width` and filled with tabs.
pub fn align_tabs(text: &str, tab_width: usize, padding: usize) -> String {
    align_with(text, 0, padding, Some(tab_width.max(1)))
}

fn align_with(text: &str, min_width: usize, padding: usize, tabs: Option<usize>) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    // A trailing newline leaves an empty last line that is not output.
    let trailing_newline = text.ends_with('\n');
    if trailing_newline {
        lines.pop();
    }
    let mut out = String::new();
    let mut widths = Vec::new();
    let pad = Pad {
        min_width,
        padding,
        tabs,
    };
    format(&lines, 0, lines.len(), &mut widths, &pad, &mut out);
    if !trailing_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn width_of(cell: &str) -> usize {
    cell.chars().count()
}

/// How cells are padded: the least column width, the padding after the widest cell, and tabs of a width.
struct Pad {
    min_width: usize,
    padding: usize,
    tabs: Option<usize>,
}

fn format(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    pad: &Pad,
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
        write_lines(lines, line0, this, widths, pad, out);
        line0 = this;
        let mut width = pad.min_width;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(width_of(lines[this][column]) + pad.padding);
            this += 1;
        }
        if let Some(tab) = pad.tabs {
            width = width.div_ceil(tab) * tab;
        }
        widths.push(width);
        format(lines, line0, this, widths, pad, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, pad, out);
}

fn write_lines(
    lines: &[Vec<&str>],
    from: usize,
    to: usize,
    widths: &[usize],
    pad: &Pad,
    out: &mut String,
) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j < widths.len() && j + 1 < line.len() {
                let gap = widths[j].saturating_sub(width_of(cell));
                match pad.tabs {
                    Some(tab) => out.push_str(&"\t".repeat(gap.div_ceil(tab))),
                    None => out.push_str(&" ".repeat(gap)),
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

    #[test]
    fn tab_padding_rounds_columns_up_to_tab_stops() {
        let text = "REVISION\tSTATUS\tCAUSE\n1\tComplete\tconfig change\n";
        assert_eq!(
            align_tabs(text, 8, 1),
            "REVISION\tSTATUS\t\tCAUSE\n1\t\tComplete\tconfig change\n"
        );
    }
}
