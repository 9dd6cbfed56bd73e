//! Hand-drawn SVG charts for the dashboard, each with a title, a label and a data table alternative.

use attest_domain::api::{long_date, CompliancePoint, Status, StatusBar, ALL_STATUSES};
use yew::prelude::*;

use crate::components::scroll_box::ScrollBox;

/// Characters of a bar's name that fit the chart's width at the axis type size.
const LABEL_CHARS: usize = 52;

/// Props of [`ComplianceLine`].
#[derive(Properties, PartialEq)]
pub struct ComplianceLineProps {
    /// The weekly points, oldest first.
    pub points: Vec<CompliancePoint>,
}

/// A line of the share fully compliant over time (0–100 %).
#[function_component(ComplianceLine)]
pub fn compliance_line(props: &ComplianceLineProps) -> Html {
    let (w, h, pad) = (320.0_f64, 140.0_f64, 24.0_f64);
    let n = props.points.len().max(2) as f64 - 1.0;
    let xy = |i: usize, p: f64| {
        (
            pad + (w - 2.0 * pad) * i as f64 / n,
            h - pad - (h - 2.0 * pad) * p / 100.0,
        )
    };
    let path: Vec<String> = props
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = xy(i, p.percent);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let summary = match (props.points.first(), props.points.last()) {
        (Some(a), Some(b)) => format!(
            "Share fully compliant: {}% on {} to {}% on {}",
            a.percent,
            long_date(a.date),
            b.percent,
            long_date(b.date)
        ),
        _ => "No data yet".to_string(),
    };
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={summary.clone()} class="line-chart">
                <title>{ summary }</title>
                { for [0.0, 50.0, 100.0].iter().map(|g| {
                    let (_, y) = xy(0, *g);
                    html! { <>
                        <line x1={pad.to_string()} x2={(w - pad).to_string()} y1={y.to_string()} y2={y.to_string()} class="grid" />
                        <text x="2" y={(y + 4.0).to_string()} class="axis">{ format!("{g}%") }</text>
                    </> }
                }) }
                <polyline points={path.join(" ")} class="line" />
                { for props.points.iter().enumerate().map(|(i, p)| {
                    let (x, y) = xy(i, p.percent);
                    html! { <circle cx={x.to_string()} cy={y.to_string()} r="3" class="dot" /> }
                }) }
                // The first and last weeks' dates under the axis, so the line has a time scale.
                { for [props.points.first().map(|p| (0, p, "start")), props.points.last().map(|p| (props.points.len() - 1, p, "end"))]
                    .into_iter().flatten().map(|(i, p, anchor)| {
                    let (x, _) = xy(i, 0.0);
                    html! { <text x={x.to_string()} y={(h - 6.0).to_string()} text-anchor={anchor} class="axis">{ p.date.format("%-d %b").to_string() }</text> }
                }) }
            </svg>
            <details>
                <summary>{ "Show as a table" }</summary>
                <table>
                    <caption>{ "Share of people fully compliant, week by week" }</caption>
                    <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Compliant" }</th></tr></thead>
                    <tbody>{ for props.points.iter().map(|p| html! {
                        <tr><th scope="row">{ long_date(p.date) }</th><td>{ format!("{}%", p.percent) }</td></tr>
                    }) }</tbody>
                </table>
            </details>
        </figure>
    }
}

/// The CSS class of a status's colour.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not-started",
        Status::InProgress => "in-progress",
        Status::Passed => "passed",
        Status::Attested => "attested",
        Status::DueSoon => "due-soon",
        Status::Overdue => "overdue",
        Status::Paused => "paused",
    }
}

/// The pattern laid over a status's colour. Each status has its own and only one is plain, so
/// two segments that touch always differ by more than colour, whichever statuses are empty.
fn status_pattern(status: Status) -> Option<&'static str> {
    match status {
        Status::NotStarted => None,
        Status::Overdue => Some("seg-rising"),
        Status::InProgress => Some("seg-falling"),
        Status::Passed => Some("seg-across"),
        Status::DueSoon => Some("seg-dots"),
        Status::Attested => Some("seg-upright"),
        Status::Paused => Some("seg-crossed"),
    }
}

/// The patterns' definitions: lines at an angle (white on dark colours, dark on light ones
/// so they stand out at 3:1 or more), dots, or crossed lines.
fn pattern_defs() -> Html {
    let lines = |id: &'static str, angle: u16, tone: &'static str| {
        html! {
            <pattern {id} class={classes!("hatch", tone)} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform={format!("rotate({angle})")}>
                <line x1="0" y1="0" x2="0" y2="5" />
            </pattern>
        }
    };
    html! {
        <defs>
            { lines("seg-rising", 45, "on-dark") }
            { lines("seg-falling", 135, "on-dark") }
            { lines("seg-across", 90, "on-dark") }
            { lines("seg-upright", 0, "on-dark") }
            <pattern id="seg-dots" class={classes!("hatch", "on-light")} width="5" height="5" patternUnits="userSpaceOnUse">
                <circle cx="2.5" cy="2.5" r="1.1" />
            </pattern>
            <pattern id="seg-crossed" class={classes!("hatch", "on-light")} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="5" /><line x1="0" y1="0" x2="5" y2="0" />
            </pattern>
        </defs>
    }
}

/// A status's colour with its pattern over it, as a bar segment or a legend swatch.
fn patterned(status: Status, x: f64, y: f64, width: f64, height: f64) -> Html {
    let (x, y, width, height) = (
        x.to_string(),
        y.to_string(),
        width.to_string(),
        height.to_string(),
    );
    html! {
        <g class="segment">
            <rect x={x.clone()} y={y.clone()} width={width.clone()} height={height.clone()} class={classes!("seg", status_class(status))} />
            if let Some(id) = status_pattern(status) {
                <rect {x} {y} {width} {height} fill={format!("url(#{id})")} />
            }
        </g>
    }
}

/// Props of [`StatusBars`].
#[derive(Properties, PartialEq)]
pub struct StatusBarsProps {
    /// One bar per group or school.
    pub bars: Vec<StatusBar>,
    /// "group" or "school".
    pub by: AttrValue,
}

/// Stacked horizontal bars: assignments by status for each group or school.
#[function_component(StatusBars)]
pub fn status_bars(props: &StatusBarsProps) -> Html {
    // Each bar has its name on a line of its own above it, so no name is cut short.
    let (w, row) = (320.0_f64, 40.0_f64);
    let h = row * props.bars.len().max(1) as f64;
    let label = format!(
        "Status by {}: {}",
        props.by,
        props
            .bars
            .iter()
            .map(|b| format!("{} {}% compliant", b.name, b.percent))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()} class="bar-chart">
                <title>{ label }</title>
                { pattern_defs() }
                { for props.bars.iter().enumerate().map(|(i, bar)| {
                    let total = f64::from(bar.counts.total().max(1));
                    let mut x = 0.0;
                    let y = i as f64 * row;
                    // A very long name is narrowed to the chart's width rather than cut.
                    let fit = (bar.name.chars().count() > LABEL_CHARS).then(|| w.to_string());
                    html! { <g>
                        <text x="0" y={(y + 12.0).to_string()} class="axis" textLength={fit} lengthAdjust="spacingAndGlyphs">{ &bar.name }</text>
                        { for ALL_STATUSES.iter().map(|s| {
                            let width = w * f64::from(bar.counts.get(*s)) / total;
                            // An empty status draws nothing, so its neighbours meet (and still differ).
                            let segment = (width > 0.0).then(|| patterned(*s, x, y + 16.0, width, 18.0));
                            x += width;
                            segment.unwrap_or_default()
                        }) }
                    </g> }
                }) }
            </svg>
            <ul class="legend" aria-hidden="true">{ for ALL_STATUSES.iter().map(|s| html! {
                <li><svg class="swatch" viewBox="0 0 10 10">{ patterned(*s, 0.0, 0.0, 10.0, 10.0) }</svg>{ s.label() }</li>
            }) }</ul>
            <details>
                <summary>{ "Show as a table" }</summary>
                <ScrollBox label={format!("Assignments by status, by {}", props.by)}><table>
                    <caption>{ format!("Assignments by status, by {}", props.by) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th><th scope="col">{ "People" }</th><th scope="col">{ "Compliant" }</th>
                        { for ALL_STATUSES.iter().map(|s| html! { <th scope="col">{ s.label() }</th> }) }
                    </tr></thead>
                    <tbody>{ for props.bars.iter().map(|b| html! { <tr>
                        <th scope="row">{ &b.name }</th><td>{ b.people }</td><td>{ format!("{}%", b.percent) }</td>
                        { for ALL_STATUSES.iter().map(|s| html! { <td>{ b.counts.get(*s) }</td> }) }
                    </tr> }) }</tbody>
                </table></ScrollBox>
            </details>
        </figure>
    }
}
