//! A line chart over virtual time, drawn with plotters on a canvas at the device's pixel ratio,
//! with an optional right-hand axis and an HTML legend; it redraws when its data, the theme or
//! its width changes.

use engine::sort::SortShared;
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use super::{Series, Tone, bounds, clock, format_value};
use crate::hooks::use_width;

/// What a [`LineChart`] shows.
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// The chart's title, also its accessible name.
    pub caption: AttrValue,
    /// Lines on the left axis.
    pub series: Rc<Vec<Series>>,
    /// Lines on the right axis (empty for none).
    #[prop_or_default]
    pub right: Rc<Vec<Series>>,
    /// The left axis' description.
    #[prop_or_default]
    pub y_desc: AttrValue,
    /// The right axis' description.
    #[prop_or_default]
    pub right_desc: AttrValue,
    /// Legend labels, in the order of `series` then `right` (the caller translates them).
    pub legend: Rc<Vec<String>>,
    /// The theme in effect (`light` or `dark`), so a theme switch redraws with its colours.
    pub theme: AttrValue,
    /// The height in CSS pixels.
    #[prop_or(120)]
    pub height: u32,
    /// Whether x is a plain count (such as months) labelled as a number, rather than virtual time.
    #[prop_or_default]
    pub x_numeric: bool,
}

/// A line chart.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let host = use_node_ref();
    let canvas = use_node_ref();
    let width = use_width(host.clone());
    {
        let canvas = canvas.clone();
        let series = props.series.clone();
        let right = props.right.clone();
        let descs = (props.y_desc.clone(), props.right_desc.clone());
        let height = props.height;
        let x_numeric = props.x_numeric;
        use_effect_with(
            (series, right, descs, props.theme.clone(), width, height),
            move |(series, right, descs, _, width, height)| {
                // Draw on the next frame: the theme's attribute on the document is set by an
                // effect of the root component, which runs after this one.
                let (series, right, descs) = (series.clone(), right.clone(), descs.clone());
                let (width, height) = (*width, *height);
                let frame = gloo::render::request_animation_frame(move |_| {
                    if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                        crate::hooks::timing::span("chart.draw", || {
                            draw(&canvas, width, height, &series, &right, &descs, x_numeric)
                        });
                    }
                });
                move || drop(frame)
            },
        );
    }
    let summary = props
        .series
        .iter()
        .chain(props.right.iter())
        .zip(props.legend.iter())
        .filter_map(|(s, label)| {
            s.last()
                .map(|v| format!("{label} {}", format_value(v, top(s))))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let legend = props
        .series
        .iter()
        .chain(props.right.iter())
        .zip(props.legend.iter())
        .map(|(s, label)| {
            let value = s
                .last()
                .map(|v| format_value(v, top(s)))
                .unwrap_or_default();
            html! {
                <li class={classes!("chart-key", (s.tone == Tone::Muted).then_some("dashed"))}
                    style={format!("--key: var({}, {})", s.tone.var(), s.tone.fallback())}>
                    <span class="swatch"></span>{ label.clone() }<b>{ value }</b>
                </li>
            }
        });
    html! {
        <figure class="chart" ref={host}>
            <figcaption>{ props.caption.clone() }</figcaption>
            <canvas ref={canvas} role="img" aria-label={format!("{}: {summary}", props.caption)}
                style={format!("height:{}px", props.height)}></canvas>
            <ul class="chart-legend">{ for legend }</ul>
        </figure>
    }
}

/// The largest value of a series, which sets how many decimals its values show.
fn top(series: &Series) -> f64 {
    series.points.iter().map(|p| p.1.abs()).fold(0.0, f64::max)
}

/// The theme's colours, read from the canvas' computed style.
struct Palette {
    background: RGBColor,
    text: RGBColor,
    grid: RGBColor,
}

fn css_colour(style: Option<&web_sys::CssStyleDeclaration>, var: &str, fallback: &str) -> RGBColor {
    let value = style
        .and_then(|s| s.get_property_value(var).ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| fallback.to_owned());
    parse_hex(&value)
        .or_else(|| parse_hex(fallback))
        .unwrap_or(RGBColor(128, 128, 128))
}

/// Parses `#rgb` or `#rrggbb`.
fn parse_hex(text: &str) -> Option<RGBColor> {
    let hex = text.strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some(RGBColor(r * 17, g * 17, b * 17)),
        [r1, r2, g1, g2, b1, b2] => Some(RGBColor(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
        _ => None,
    }
}

fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    width: u32,
    height: u32,
    series: &[Series],
    right: &[Series],
    (y_desc, right_desc): &(AttrValue, AttrValue),
    x_numeric: bool,
) {
    if width == 0 {
        return;
    }
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0);
    canvas.set_width((f64::from(width) * ratio) as u32);
    canvas.set_height((f64::from(height) * ratio) as u32);
    let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
    let palette = Palette {
        background: css_colour(style.as_ref(), "--panel", "#ffffff"),
        text: css_colour(style.as_ref(), "--muted", "#556273"),
        grid: css_colour(style.as_ref(), "--border", "#cfd6e0"),
    };
    let colours: Vec<RGBColor> = series
        .iter()
        .chain(right)
        .map(|s| css_colour(style.as_ref(), s.tone.var(), s.tone.fallback()))
        .collect();
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    // A failed draw leaves a blank chart; the legend beside it still carries the values.
    let _ = plot(
        &root, ratio, &palette, &colours, series, right, y_desc, right_desc, x_numeric,
    );
}

#[allow(clippy::too_many_arguments)]
fn plot(
    root: &DrawingArea<CanvasBackend, Shift>,
    ratio: f64,
    palette: &Palette,
    colours: &[RGBColor],
    series: &[Series],
    right: &[Series],
    y_desc: &str,
    right_desc: &str,
    x_numeric: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let px = |n: f64| (n * ratio).round() as i32;
    root.fill(&palette.background)?;
    let ((x0, mut x1), (y0, y1)) = bounds(series);
    if x_numeric {
        // The ten-second minimum span is for time; a count axis spans exactly its points.
        let last = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
            .fold(x0, f64::max);
        if last > x0 {
            x1 = last;
        }
    }
    let (_, (_, r1)) = bounds(right);
    let font = ("sans-serif", px(11.0)).into_font().color(&palette.text);
    let mut chart = ChartBuilder::on(root)
        .margin(px(6.0))
        // Without a right axis the last time label is centred on the plot's right edge; room for its
        // second half keeps it from being clipped (a clock label is about 50 px wide).
        .margin_right(px(if right.is_empty() { 26.0 } else { 6.0 }))
        .x_label_area_size(px(22.0))
        .y_label_area_size(px(if y_desc.is_empty() { 30.0 } else { 44.0 }))
        .right_y_label_area_size(px(if right.is_empty() { 0.0 } else { 44.0 }))
        .build_cartesian_2d(x0..x1, y0..y1)?
        .set_secondary_coord(x0..x1, 0.0..r1);
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(5)
        .x_label_formatter(&|x| {
            if x_numeric {
                format!("{x:.0}")
            } else {
                clock(*x)
            }
        })
        .y_label_formatter(&|y| format_value(*y, y1))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .y_desc(y_desc)
        .axis_style(palette.grid)
        .bold_line_style(palette.grid.mix(0.6))
        .light_line_style(palette.grid.mix(0.25))
        .draw()?;
    if !right.is_empty() {
        chart
            .configure_secondary_axes()
            .y_labels(5)
            .y_label_formatter(&|y| format_value(*y, r1))
            .label_style(font.clone())
            .axis_desc_style(font)
            .y_desc(right_desc)
            .axis_style(palette.grid)
            .draw()?;
    }
    // Dashed targets go on top, so a solid line with the same values does not hide them.
    let mut order: Vec<usize> = (0..series.len() + right.len()).collect();
    order.sort_shared_by_key(|&i| {
        series
            .iter()
            .chain(right)
            .nth(i)
            .map(|s| s.tone == Tone::Muted)
    });
    for i in order {
        let s = series.iter().chain(right).nth(i).expect("index in range");
        let style = ShapeStyle {
            color: colours[i].to_rgba(),
            filled: false,
            stroke_width: px(2.0).max(1) as u32,
        };
        let points = s.drawn();
        let on_right = i >= series.len();
        match (s.tone == Tone::Muted, on_right) {
            (true, false) => {
                chart.draw_series(DashedLineSeries::new(points, px(6.0), px(4.0), style))?;
            }
            (true, true) => {
                chart.draw_secondary_series(DashedLineSeries::new(
                    points,
                    px(6.0),
                    px(4.0),
                    style,
                ))?;
            }
            (false, false) => {
                chart.draw_series(LineSeries::new(points, style))?;
            }
            (false, true) => {
                chart.draw_secondary_series(LineSeries::new(points, style))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_colours_parse_in_both_hex_forms() {
        assert_eq!(parse_hex("#0b7a55"), Some(RGBColor(0x0b, 0x7a, 0x55)));
        assert_eq!(parse_hex("#fff"), Some(RGBColor(255, 255, 255)));
        assert_eq!(parse_hex("rgb(1, 2, 3)"), None);
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("#gg0000"), None);
    }
}
