//! Charts drawn with plotters on a canvas: lines of values over virtual time that follow the theme,
//! and the cluster charts built from a history of samples.

pub mod cluster_charts;
pub mod history;
pub mod line_chart;

pub use cluster_charts::{ClusterCharts, ClusterChartsProps};
pub use line_chart::{LineChart, LineChartProps};

/// The colour of a line, resolved from the theme's CSS custom properties when drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The theme's accent (`--chart-accent`).
    Accent,
    /// Healthy, ready (`--chart-good`).
    Good,
    /// Load, warnings (`--chart-warn`).
    Warn,
    /// Failures (`--chart-bad`).
    Bad,
    /// Targets and limits, drawn dashed (`--chart-muted`).
    Muted,
}

impl Tone {
    /// The CSS custom property holding the colour.
    pub fn var(self) -> &'static str {
        match self {
            Tone::Accent => "--chart-accent",
            Tone::Good => "--chart-good",
            Tone::Warn => "--chart-warn",
            Tone::Bad => "--chart-bad",
            Tone::Muted => "--chart-muted",
        }
    }

    /// The colour used when the property is missing.
    pub fn fallback(self) -> &'static str {
        match self {
            Tone::Accent => "#3b82f6",
            Tone::Good => "#2e9d52",
            Tone::Warn => "#d89614",
            Tone::Bad => "#c0392b",
            Tone::Muted => "#8a94a3",
        }
    }
}

/// One line of a chart: `(x, y)` points in x order; x is virtual time in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend label (a key the caller may translate).
    pub label: String,
    /// The colour.
    pub tone: Tone,
    /// The points.
    pub points: Vec<(f64, f64)>,
    /// Whether the value holds until the next point (counts such as replicas) rather than
    /// changing linearly between points.
    pub step: bool,
}

impl Series {
    /// A series that holds each value until the next point.
    pub fn step(label: &str, tone: Tone, points: Vec<(f64, f64)>) -> Self {
        Series {
            label: label.to_owned(),
            tone,
            points,
            step: true,
        }
    }

    /// The points to draw: for a step series, a horizontal then a vertical segment per change.
    pub fn drawn(&self) -> Vec<(f64, f64)> {
        if !self.step {
            return self.points.clone();
        }
        let mut out = Vec::with_capacity(self.points.len() * 2);
        for (i, &(x, y)) in self.points.iter().enumerate() {
            if i > 0 {
                out.push((x, self.points[i - 1].1));
            }
            out.push((x, y));
        }
        out
    }

    /// The latest value.
    pub fn last(&self) -> Option<f64> {
        self.points.last().map(|p| p.1)
    }
}

/// Formats virtual milliseconds since the epoch as the time of day, `HH:MM:SS` (UTC).
pub fn clock(ms: f64) -> String {
    let secs = (ms / 1000.0).floor() as i64;
    let day = secs.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", day / 3600, day % 3600 / 60, day % 60)
}

/// Formats a value with as many decimals as a chart whose top is `top` needs: none from 10 up
/// or for whole numbers, one from 1, two below (a few cents of cost must not read as 0).
pub fn format_value(value: f64, top: f64) -> String {
    let top = top.abs();
    if top >= 10.0 || (value.fract() == 0.0 && top >= 1.0) {
        format!("{value:.0}")
    } else if top >= 1.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// The range `(low, high)` that shows every point of `series` with some headroom; never empty.
pub fn bounds(series: &[Series]) -> ((f64, f64), (f64, f64)) {
    let points = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if !x0.is_finite() {
        (x0, x1) = (0.0, 60_000.0);
    }
    if x1 - x0 < 10_000.0 {
        x1 = x0 + 10_000.0;
    }
    let y1 = if y1 <= 0.0 {
        1.0
    } else if y1 < 1.0 {
        y1 * 1.15
    } else {
        (y1 * 1.15).ceil()
    };
    ((x0, x1), (0.0, y1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_series_holds_each_value_until_the_next_point() {
        let s = Series::step(
            "ready",
            Tone::Good,
            vec![(0.0, 1.0), (5.0, 3.0), (9.0, 5.0)],
        );
        assert_eq!(
            s.drawn(),
            vec![(0.0, 1.0), (5.0, 1.0), (5.0, 3.0), (9.0, 3.0), (9.0, 5.0)]
        );
        let mut linear = s.clone();
        linear.step = false;
        assert_eq!(linear.drawn(), s.points);
        assert_eq!(s.last(), Some(5.0));
    }

    #[test]
    fn bounds_leave_headroom_and_are_never_empty() {
        assert_eq!(bounds(&[]), ((0.0, 60_000.0), (0.0, 1.0)));
        let s = Series::step("x", Tone::Accent, vec![(1_000.0, 5.0), (3_000.0, 2.0)]);
        assert_eq!(bounds(&[s]), ((1_000.0, 11_000.0), (0.0, 6.0)));
        let s = Series::step("x", Tone::Accent, vec![(0.0, 0.0), (90_000.0, 40.0)]);
        assert_eq!(bounds(&[s]), ((0.0, 90_000.0), (0.0, 46.0)));
    }

    #[test]
    fn small_values_keep_their_decimals() {
        assert_eq!(format_value(5.0, 6.0), "5");
        assert_eq!(format_value(2.5, 6.0), "2.5");
        assert_eq!(format_value(37.4, 46.0), "37");
        assert_eq!(format_value(0.046, 0.06), "0.05");
        assert_eq!(format_value(0.0, 0.0), "0.00");
    }

    #[test]
    fn the_clock_shows_the_virtual_time_of_day() {
        assert_eq!(clock(0.0), "00:00:00");
        assert_eq!(clock(1_700_000_000_000.0), "22:13:20");
        assert_eq!(clock(-1_000.0), "23:59:59");
    }
}
