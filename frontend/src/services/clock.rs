//! Times on the school's clock. The signed-in person's school's time zone (from `/api/me`)
//! is kept here for every page that shows a time; the browser's own time-zone database
//! reads it, so the app carries none.

use std::cell::RefCell;

use attest_domain::api::{Zone, DEFAULT_TIME_ZONE};
use chrono::{NaiveDate, NaiveDateTime};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    // One app, one signed-in person at a time: a value beside the session, not a context,
    // so that formatting a time stays a plain function in every page.
    static ZONE: RefCell<String> = RefCell::new(DEFAULT_TIME_ZONE.to_string());
}

/// Shows times on this zone's clock from now on (an IANA name, from `/api/me`).
pub fn set_zone(name: &str) {
    ZONE.with(|zone| *zone.borrow_mut() = name.to_string());
}

/// A stored time as "20 December 2026 at 09:05 GMT" on the school's clock.
pub fn date_time(stored: &str) -> String {
    ZONE.with(|zone| attest_domain::api::date_time(stored, &BrowserZone(&zone.borrow())))
}

/// A zone read through the browser's `Intl.DateTimeFormat`.
struct BrowserZone<'a>(&'a str);

impl Zone for BrowserZone<'_> {
    fn local(&self, utc: NaiveDateTime) -> (NaiveDateTime, String) {
        // A browser that does not know the zone shows UTC, said as such, not a wrong clock.
        local_parts(self.0, utc).unwrap_or_else(|| (utc, "UTC".to_string()))
    }
}

/// The local time and short zone name at `utc` in `zone`, if the browser knows the zone.
fn local_parts(zone: &str, utc: NaiveDateTime) -> Option<(NaiveDateTime, String)> {
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("timeZoneName", "short"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::of2(&Array::of1(&"en-GB".into()), &options);
    // Constructed through Reflect so an unknown zone's RangeError comes back as an error.
    let format = Reflect::construct(&constructor, &args).ok()?;
    let to_parts: Function = Reflect::get(&format, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let millis = utc.and_utc().timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let parts: Array = to_parts.call1(&format, &date).ok()?.dyn_into().ok()?;
    let (mut numbers, mut name) = ([0u32; 5], String::new());
    for part in parts.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        let slot = ["year", "month", "day", "hour", "minute"]
            .iter()
            .position(|k| *k == kind);
        match slot {
            Some(i) => numbers[i] = value.parse().ok()?,
            None if kind == "timeZoneName" => name = value,
            None => {}
        }
    }
    let [year, month, day, hour, minute] = numbers;
    let local = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_opt(hour, minute, 0)?;
    Some((local, name))
}
