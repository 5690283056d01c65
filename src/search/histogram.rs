//! Timelines: how many matching articles fall in each calendar bucket.
//!
//! A collector reads the `date` fast field of every matching article and
//! counts per day; the days are then rolled up into calendar years, months,
//! ISO weeks or days. Every bucket between the first and the last is kept,
//! empty ones included, so a gap in coverage shows as a gap. Reading one
//! column value per match keeps this fast on large archives (no stored
//! documents are touched).

use super::SearchError;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// The width of one histogram bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Year,
    Month,
    /// ISO 8601 week, Monday to Sunday, labelled `2025-W47`.
    Week,
    Day,
}

impl std::str::FromStr for Interval {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Interval, SearchError> {
        match s {
            "year" => Ok(Interval::Year),
            "month" => Ok(Interval::Month),
            "week" => Ok(Interval::Week),
            "day" => Ok(Interval::Day),
            other => Err(SearchError::Usage(format!(
                "unknown histogram interval `{other}`; intervals are: year, month, week, day"
            ))),
        }
    }
}

/// Most buckets a histogram may have; a day histogram over centuries is a
/// mistake, not a chart.
pub const MAX_BUCKETS: usize = 20_000;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Bucket {
    pub bucket: String,
    pub count: u64,
}

#[derive(Debug, Clone)]
pub struct Histogram {
    pub interval: Interval,
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date (not in any bucket).
    pub undated: u64,
}

/// Counts matching articles per UTC day (days since 1970-01-01), plus the
/// number without a date.
pub struct DayCounts;

pub struct DaySegment {
    column: Option<Column<DateTime>>,
    days: HashMap<i64, u64>,
    undated: u64,
}

impl Collector for DayCounts {
    type Fruit = (HashMap<i64, u64>, u64);
    type Child = DaySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<DaySegment> {
        Ok(DaySegment {
            column: reader.fast_fields().column_opt::<DateTime>("date")?,
            days: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(HashMap<i64, u64>, u64)>,
    ) -> tantivy::Result<(HashMap<i64, u64>, u64)> {
        let mut days = HashMap::new();
        let mut undated = 0;
        for (d, u) in fruits {
            undated += u;
            for (k, v) in d {
                *days.entry(k).or_insert(0) += v;
            }
        }
        Ok((days, undated))
    }
}

impl SegmentCollector for DaySegment {
    type Fruit = (HashMap<i64, u64>, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.column.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let day = d.into_timestamp_secs().div_euclid(86_400);
                *self.days.entry(day).or_insert(0) += 1;
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
}

/// The calendar day `n` days after 1970-01-01.
pub fn day_of(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch exists") + Duration::days(n)
}

/// The first day of the bucket holding `d`.
fn bucket_start(i: Interval, d: NaiveDate) -> NaiveDate {
    match i {
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1),
        Interval::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
        Interval::Week => Some(d - Duration::days(d.weekday().num_days_from_monday() as i64)),
        Interval::Day => Some(d),
    }
    .expect("bucket start exists")
}

fn next_bucket(i: Interval, d: NaiveDate) -> NaiveDate {
    match i {
        Interval::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).expect("next year"),
        Interval::Month => d
            .checked_add_months(chrono::Months::new(1))
            .expect("next month"),
        Interval::Week => d + Duration::days(7),
        Interval::Day => d + Duration::days(1),
    }
}

fn label(i: Interval, d: NaiveDate) -> String {
    match i {
        Interval::Year => format!("{:04}", d.year()),
        Interval::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Interval::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Interval::Day => d.format("%Y-%m-%d").to_string(),
    }
}

/// Roll day counts up into buckets from the first to the last dated match,
/// widened to `from`/`to` when given, keeping empty buckets.
pub fn build(
    interval: Interval,
    days: &HashMap<i64, u64>,
    undated: u64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Histogram, SearchError> {
    let mut counts: HashMap<NaiveDate, u64> = HashMap::new();
    for (&n, &c) in days {
        *counts.entry(bucket_start(interval, day_of(n))).or_insert(0) += c;
    }
    let first = counts.keys().min().copied();
    let last = counts.keys().max().copied();
    let lo = match (from, first) {
        (Some(f), Some(m)) => Some(m.min(f)),
        (f, m) => f.or(m),
    };
    let hi = match (to, last) {
        (Some(t), Some(m)) => Some(m.max(t)),
        (t, m) => t.or(m),
    };
    let mut buckets = Vec::new();
    if let (Some(lo), Some(hi)) = (lo, hi) {
        let (mut d, end) = (bucket_start(interval, lo), bucket_start(interval, hi));
        while d <= end {
            if buckets.len() == MAX_BUCKETS {
                return Err(SearchError::Usage(format!(
                    "the histogram would have more than {MAX_BUCKETS} buckets; use a wider interval or narrow --from/--to"
                )));
            }
            buckets.push(Bucket {
                bucket: label(interval, d),
                count: counts.get(&d).copied().unwrap_or(0),
            });
            d = next_bucket(interval, d);
        }
    }
    Ok(Histogram {
        interval,
        buckets,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(y: i32, m: u32, d: u32) -> i64 {
        (NaiveDate::from_ymd_opt(y, m, d).unwrap() - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
            .num_days()
    }

    #[test]
    fn months_keep_empty_buckets() {
        let days = HashMap::from([(n(2025, 1, 31), 2), (n(2025, 4, 1), 1)]);
        let h = build(Interval::Month, &days, 0, None, None).unwrap();
        let got: Vec<(String, u64)> = h.buckets.into_iter().map(|b| (b.bucket, b.count)).collect();
        assert_eq!(
            got,
            [
                ("2025-01", 2),
                ("2025-02", 0),
                ("2025-03", 0),
                ("2025-04", 1)
            ]
            .map(|(a, b)| (a.to_string(), b))
        );
    }

    #[test]
    fn iso_weeks_cross_the_year() {
        // 2024-12-30 is Monday of ISO week 2025-W01; 2024-12-29 is in 2024-W52.
        let days = HashMap::from([(n(2024, 12, 29), 1), (n(2025, 1, 5), 3)]);
        let h = build(Interval::Week, &days, 0, None, None).unwrap();
        let got: Vec<(String, u64)> = h.buckets.into_iter().map(|b| (b.bucket, b.count)).collect();
        assert_eq!(
            got,
            [("2024-W52".to_string(), 1), ("2025-W01".to_string(), 3)]
        );
    }

    #[test]
    fn range_widens_to_filter_bounds() {
        let days = HashMap::from([(n(2023, 6, 1), 1)]);
        let from = NaiveDate::from_ymd_opt(2022, 1, 1);
        let h = build(Interval::Year, &days, 4, from, None).unwrap();
        assert_eq!(h.buckets.len(), 2);
        assert_eq!(h.undated, 4);
    }
}
