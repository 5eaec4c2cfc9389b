//! The calendar stage: which Cabinet meetings fall in a report's period, and
//! whether they are spoken of as past or still to come.

use jiff::civil::Date;

use crate::kinds::executive::model::{CabinetMeeting, Meeting};

/// The span of time a report covers: from the Council meeting that last
/// received Executive Reports up to the Council meeting this one goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The date of the previous Executive Report. A Cabinet meeting held
    /// that day belongs to the new period: Council meets after Cabinet's
    /// decisions of the day could have been reported.
    pub start: Date,
    /// The date of the Council meeting the report goes to (exclusive).
    pub end: Date,
}

impl Period {
    /// The period of the reports to `meeting`.
    pub fn of(meeting: &Meeting) -> Self {
        Self { start: meeting.previous_report.date.value, end: meeting.meeting.date }
    }

    /// Whether a Cabinet meeting on `date` belongs to this period.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date < self.end
    }

    /// The Cabinet meetings of the period, in date order.
    pub fn cabinet_meetings<'m>(&self, meeting: &'m Meeting) -> Vec<&'m CabinetMeeting> {
        let mut held: Vec<_> =
            meeting.cabinet_meetings.iter().filter(|cabinet| self.contains(cabinet.date.value)).collect();
        held.sort_by_key(|cabinet| cabinet.date.value);
        held
    }
}

/// How a report speaks of the Cabinet meetings of its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Every meeting was held before the report was written.
    Past,
    /// At least one meeting is held after the report is written.
    Future,
}

impl Tense {
    /// The tense for a report written on `written` about meetings on `dates`.
    pub fn of(written: Date, dates: impl IntoIterator<Item = Date>) -> Self {
        match dates.into_iter().max() {
            Some(last) if last > written => Tense::Future,
            _ => Tense::Past,
        }
    }

    /// The verb before a count of meetings: "There will have been 5 …".
    pub fn verb(self, count: usize) -> &'static str {
        match (self, count) {
            (Tense::Future, _) => "will have been",
            (Tense::Past, 1) => "has been",
            (Tense::Past, _) => "have been",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn includes_cabinet_held_on_the_day_of_the_previous_report() {
        let period = Period { start: date(2016, 3, 29), end: date(2016, 7, 19) };
        assert!(period.contains(date(2016, 3, 29)));
        assert!(period.contains(date(2016, 7, 11)));
        assert!(!period.contains(date(2016, 3, 28)));
        assert!(!period.contains(date(2016, 7, 19)));
    }

    #[test]
    fn speaks_of_meetings_after_the_report_date_in_the_future() {
        let dates = [date(2016, 6, 20), date(2016, 7, 11)];
        assert_eq!(Tense::of(date(2016, 7, 5), dates), Tense::Future);
        assert_eq!(Tense::of(date(2016, 7, 11), dates), Tense::Past);
        assert_eq!(Tense::of(date(2016, 7, 5), []), Tense::Past);
    }

    #[test]
    fn agrees_the_verb_with_the_count() {
        assert_eq!(Tense::Future.verb(5), "will have been");
        assert_eq!(Tense::Past.verb(1), "has been");
        assert_eq!(Tense::Past.verb(0), "have been");
    }
}
