//! Printable tickets: which tickets, in which layout, in whose language.
//!
//! A ticket prints in its own locale, else its event's, else English; its
//! date line is in the event's time zone, written the way that language
//! writes dates ("samedi 21 juin 2026, 20:00" or "Saturday, 21 June 2026,
//! 8:00 PM").

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;
use qr_event_audit::RequestContext;
use qr_event_domain::{EventId, Locale, ProblemCode, TicketId, TicketStatus};
use qr_event_qr::{PdfLayout, SheetLabels, TicketSheet};
use qr_event_storage::{Event, Ticket, TicketQuery};

use crate::tickets::internal;
use crate::{Principal, ServiceError, ServiceResult, TicketService};

impl TicketService {
    /// Printable PDF of one ticket, or of every active ticket of the event,
    /// in `layout`.
    pub async fn pdf(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: Option<TicketId>,
        layout: PdfLayout,
    ) -> ServiceResult<Vec<u8>> {
        let (ev, _) = self.managed_event(principal, event).await?;
        // A whole-event PDF (up to 2,000 tickets) costs ten renders.
        self.spend_render(principal, if id.is_some() { 1 } else { 10 })
            .await?;
        let tickets = match id {
            Some(id) => vec![self
                .storage
                .tickets
                .find(event, id)
                .await?
                .ok_or(ServiceError::NotFound)?],
            None => self.printable(event).await?,
        };
        let sheets = tickets
            .iter()
            .map(|t| Ok(sheet(&ev, t, self.code(t)?)))
            .collect::<ServiceResult<Vec<_>>>()?;
        let count = sheets.len();
        let bytes = render(ev.details.name.as_str().to_owned(), sheets, layout).await?;
        let subject = id
            .map(|t| t.to_string())
            .unwrap_or_else(|| event.to_string());
        self.audit_render(ctx, principal, event, &subject, "pdf", count)
            .await?;
        Ok(bytes)
    }

    /// The attendee's printable ticket, with the event name for the file.
    pub async fn public_pdf(
        &self,
        ctx: &RequestContext,
        access_key: &str,
        layout: PdfLayout,
    ) -> ServiceResult<(String, Vec<u8>)> {
        let public = self.public_ticket(ctx, access_key).await?;
        let code = public.code.ok_or(ServiceError::NotFound)?;
        let ev = &public.event;
        let name = ev.details.name.as_str().to_owned();
        let bytes = render(name.clone(), vec![sheet(ev, &public.ticket, code)], layout).await?;
        Ok((name, bytes))
    }

    /// One ticket's PDF (one A4 page, in its language), for an e-mail.
    pub(crate) async fn mail_pdf(&self, event: &Event, ticket: &Ticket) -> ServiceResult<Vec<u8>> {
        let sheets = vec![sheet(event, ticket, self.code(ticket)?)];
        render(
            event.details.name.as_str().to_owned(),
            sheets,
            PdfLayout::A4,
        )
        .await
    }

    /// Every active ticket of the event, if there are some and not too many.
    async fn printable(&self, event: EventId) -> ServiceResult<Vec<Ticket>> {
        let max = self.settings().max_pdf;
        let query = TicketQuery {
            status: Some(TicketStatus::Active),
            limit: max as u32 + 1,
            ..Default::default()
        };
        let all = self.storage.tickets.list(event, &query).await?;
        if all.len() > max {
            return Err(ServiceError::Conflict {
                code: ProblemCode::TooManyTickets,
                detail: "too many tickets for one PDF; download them one by one or export CSV",
            });
        }
        if all.is_empty() {
            return Err(ServiceError::Conflict {
                code: ProblemCode::NoTickets,
                detail: "the event has no active ticket to print",
            });
        }
        Ok(all)
    }
}

/// Lays out the document off the async workers: thousands of tickets take
/// a noticeable fraction of a second.
async fn render(
    title: String,
    sheets: Vec<TicketSheet>,
    layout: PdfLayout,
) -> ServiceResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || qr_event_qr::render_pdf(&title, &sheets, layout))
        .await
        .map_err(internal)?
        .map_err(internal)
}

/// The language `ticket` prints in.
pub(crate) fn ticket_locale(event: &Event, ticket: &Ticket) -> Locale {
    ticket
        .details
        .locale
        .or(event.details.locale)
        .unwrap_or_default()
}

/// One printable ticket, in its language.
fn sheet(event: &Event, ticket: &Ticket, code: String) -> TicketSheet {
    let locale = ticket_locale(event, ticket);
    TicketSheet {
        event_name: event.details.name.as_str().to_owned(),
        when: when_line(event, locale),
        venue: event.details.venue.clone(),
        holder: ticket.details.holder_name.clone(),
        category: ticket.details.category.clone(),
        code,
        labels: labels(locale),
    }
}

/// The fixed texts of a ticket.
pub(crate) fn labels(locale: Locale) -> SheetLabels {
    let (holder, category, instruction) = match locale {
        Locale::En => (
            "Ticket holder",
            "Category",
            "Show this code at the entrance",
        ),
        Locale::Fr => ("Titulaire", "Catégorie", "Présentez ce code à l’entrée"),
    };
    SheetLabels {
        holder: holder.into(),
        category: category.into(),
        instruction: instruction.into(),
    }
}

/// When the event takes place, in its time zone: the day once if it starts
/// and ends on the same day, the zone's name at the end.
pub(crate) fn when_line(event: &Event, locale: Locale) -> String {
    let tz: Tz = event.details.timezone.as_str().parse().unwrap_or(Tz::UTC);
    let start = event.details.starts_at.with_timezone(&tz);
    let end = event.details.ends_at.with_timezone(&tz);
    let range = if start.date_naive() == end.date_naive() {
        format!(
            "{}, {} – {}",
            day(&start, locale),
            time(&start, locale),
            time(&end, locale)
        )
    } else {
        format!(
            "{}, {} – {}, {}",
            day(&start, locale),
            time(&start, locale),
            day(&end, locale),
            time(&end, locale)
        )
    };
    format!("{range} ({})", tz.name())
}

/// "Saturday, 21 June 2026" or "samedi 21 juin 2026".
fn day(t: &DateTime<Tz>, locale: Locale) -> String {
    let weekday = t.weekday().num_days_from_monday() as usize;
    let month = t.month0() as usize;
    match locale {
        Locale::En => format!(
            "{}, {} {} {}",
            EN_DAYS[weekday],
            t.day(),
            EN_MONTHS[month],
            t.year()
        ),
        Locale::Fr => {
            // French writes the first of the month as an ordinal: « 1er ».
            let n = match t.day() {
                1 => "1er".to_owned(),
                d => d.to_string(),
            };
            format!("{} {n} {} {}", FR_DAYS[weekday], FR_MONTHS[month], t.year())
        }
    }
}

/// "8:00 PM" or "20:00".
fn time(t: &DateTime<Tz>, locale: Locale) -> String {
    match locale {
        Locale::En => {
            let (pm, hour) = t.hour12();
            format!("{hour}:{:02} {}", t.minute(), if pm { "PM" } else { "AM" })
        }
        Locale::Fr => format!("{:02}:{:02}", t.hour(), t.minute()),
    }
}

const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use qr_event_domain::{EventDetails, EventName, Timezone};

    use super::*;

    fn event(start: (u32, u32, u32), end: (u32, u32, u32), tz: &str) -> Event {
        let at = |(d, h, m): (u32, u32, u32)| Utc.with_ymd_and_hms(2026, 6, d, h, m, 0).unwrap();
        Event {
            id: EventId(uuid::Uuid::nil()),
            details: EventDetails::new(
                EventName::parse("name", "Fête").unwrap(),
                at(start),
                at(end),
                "",
                Timezone::parse("timezone", tz).unwrap(),
            )
            .unwrap(),
            archived: false,
            door_names: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn same_day_in_the_event_zone() {
        // 18:00 UTC is 20:00 in Paris (summer time).
        let ev = event((21, 18, 0), (21, 21, 30), "Europe/Paris");
        assert_eq!(
            when_line(&ev, Locale::Fr),
            "dimanche 21 juin 2026, 20:00 – 23:30 (Europe/Paris)"
        );
        assert_eq!(
            when_line(&ev, Locale::En),
            "Sunday, 21 June 2026, 8:00 PM – 11:30 PM (Europe/Paris)"
        );
    }

    #[test]
    fn the_zone_decides_the_day_and_midnight_names_both() {
        let ev = event((30, 22, 0), (30, 23, 5), "Asia/Tokyo");
        assert_eq!(
            when_line(&ev, Locale::Fr),
            "mercredi 1er juillet 2026, 07:00 – 08:05 (Asia/Tokyo)"
        );
        let ev = event((20, 20, 0), (21, 1, 0), "UTC");
        assert_eq!(
            when_line(&ev, Locale::En),
            "Saturday, 20 June 2026, 8:00 PM – Sunday, 21 June 2026, 1:00 AM (UTC)"
        );
        assert_eq!(
            when_line(&ev, Locale::Fr),
            "samedi 20 juin 2026, 20:00 – dimanche 21 juin 2026, 01:00 (UTC)"
        );
    }

    #[test]
    fn ticket_locale_falls_back_to_the_event_then_english() {
        let mut ev = event((21, 18, 0), (21, 21, 0), "UTC");
        let mut details = qr_event_domain::TicketDraft {
            holder_name: "Ada".into(),
            ..Default::default()
        }
        .validate(
            "",
            (ev.details.starts_at, ev.details.ends_at),
            chrono::Duration::zero(),
        )
        .unwrap();
        let ticket = |details: qr_event_domain::TicketDetails| Ticket {
            id: TicketId(uuid::Uuid::nil()),
            event_id: ev.id,
            details,
            uses: 0,
            status: TicketStatus::Active,
            revoked_at: None,
            replaced_by: None,
            access_version: 0,
            first_used_at: None,
            first_gate: None,
            last_used_at: None,
            created_at: Utc::now(),
        };
        assert_eq!(ticket_locale(&ev, &ticket(details.clone())), Locale::En);
        ev.details.locale = Some(Locale::Fr);
        assert_eq!(ticket_locale(&ev, &ticket(details.clone())), Locale::Fr);
        details.locale = Some(Locale::En);
        assert_eq!(ticket_locale(&ev, &ticket(details)), Locale::En);
        assert_eq!(labels(Locale::Fr).holder, "Titulaire");
    }
}
