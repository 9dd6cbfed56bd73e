//! Hand-drawn SVG charts for the dashboard, each with a title, a label and a data table alternative.

use attest_domain::api::{CompliancePoint, Status, StatusBar, ALL_STATUSES};
use yew::prelude::*;

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
            a.percent, a.date, b.percent, b.date
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
            </svg>
            <details>
                <summary>{ "Show as a table" }</summary>
                <table>
                    <caption>{ "Share of people fully compliant, week by week" }</caption>
                    <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Compliant" }</th></tr></thead>
                    <tbody>{ for props.points.iter().map(|p| html! {
                        <tr><th scope="row">{ p.date.to_string() }</th><td>{ format!("{}%", p.percent) }</td></tr>
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
    let (w, row) = (320.0_f64, 26.0_f64);
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
                { for props.bars.iter().enumerate().map(|(i, bar)| {
                    let total = f64::from(bar.counts.total().max(1));
                    let mut x = 110.0;
                    let y = i as f64 * row;
                    html! { <g>
                        <text x="0" y={(y + 17.0).to_string()} class="axis">{ bar.name.chars().take(18).collect::<String>() }</text>
                        { for ALL_STATUSES.iter().map(|s| {
                            let width = (w - 112.0) * f64::from(bar.counts.get(*s)) / total;
                            let rect = html! { <rect x={x.to_string()} y={(y + 4.0).to_string()} width={width.to_string()} height="18" class={classes!("seg", status_class(*s))} /> };
                            x += width;
                            rect
                        }) }
                    </g> }
                }) }
            </svg>
            <ul class="legend" aria-hidden="true">{ for ALL_STATUSES.iter().map(|s| html! {
                <li><span class={classes!("swatch", status_class(*s))}></span>{ s.label() }</li>
            }) }</ul>
            <details>
                <summary>{ "Show as a table" }</summary>
                <div class="scroll" tabindex="0"><table>
                    <caption>{ format!("Assignments by status, by {}", props.by) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th><th scope="col">{ "People" }</th><th scope="col">{ "Compliant" }</th>
                        { for ALL_STATUSES.iter().map(|s| html! { <th scope="col">{ s.label() }</th> }) }
                    </tr></thead>
                    <tbody>{ for props.bars.iter().map(|b| html! { <tr>
                        <th scope="row">{ &b.name }</th><td>{ b.people }</td><td>{ format!("{}%", b.percent) }</td>
                        { for ALL_STATUSES.iter().map(|s| html! { <td>{ b.counts.get(*s) }</td> }) }
                    </tr> }) }</tbody>
                </table></div>
            </details>
        </figure>
    }
}
