//! The ticket e-mail: subject and body in the ticket's language, plain text
//! and HTML (no remote images), the attendee link and the PDF attached.

use qr_event_domain::Locale;
use qr_event_mail::{Attachment, Message};
use qr_event_storage::{Delivery, Event, Ticket};

use crate::print::{ticket_locale, when_line};

/// What goes into one message besides the ticket and its event.
pub(crate) struct Parts {
    /// The attendee page.
    pub link: String,
    /// The ticket as PDF.
    pub pdf: Vec<u8>,
    /// The Apple Wallet pass, when the instance makes them.
    pub pkpass: Option<Vec<u8>>,
}

struct Texts {
    subject: &'static str,
    hello: &'static str,
    intro: &'static str,
    open: &'static str,
    attached: &'static str,
    wallet: &'static str,
    holder: &'static str,
}

fn texts(locale: Locale) -> Texts {
    match locale {
        Locale::Fr => Texts {
            subject: "Votre billet",
            hello: "Bonjour",
            intro: "voici votre billet pour",
            open: "Votre billet en ligne (à présenter à l’entrée) :",
            attached:
                "Le billet est aussi joint en PDF, à imprimer ou à garder sur votre téléphone.",
            wallet: "Sur iPhone, ouvrez le fichier .pkpass joint pour l’ajouter à Apple Wallet.",
            holder: "Titulaire",
        },
        Locale::En => Texts {
            subject: "Your ticket",
            hello: "Hello",
            intro: "here is your ticket for",
            open: "Your ticket online (show it at the entrance):",
            attached: "The ticket is also attached as a PDF, to print or keep on your phone.",
            wallet: "On an iPhone, open the attached .pkpass file to add it to Apple Wallet.",
            holder: "Ticket holder",
        },
    }
}

/// Escapes text for HTML element content and attribute values.
fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Message-ID of a delivery: the same on every attempt, so that a copy
/// sent again after a crash is recognisable as the same message.
pub(crate) fn message_id(delivery: &Delivery, domain: &str) -> String {
    format!("<ticket-{}@{domain}>", delivery.id.simple())
}

/// The message for `ticket` of `event`, to its holder's address.
pub(crate) fn compose(
    event: &Event,
    ticket: &Ticket,
    delivery: &Delivery,
    domain: &str,
    parts: Parts,
) -> Option<Message> {
    let to = ticket.details.holder_email.as_ref()?.as_str().to_owned();
    let locale = ticket_locale(event, ticket);
    let t = texts(locale);
    let name = event.details.name.as_str();
    let holder = ticket.details.holder_name.as_str();
    let when = when_line(event, locale);
    let venue = event.details.venue.as_str();
    let link = parts.link;
    let wallet = if parts.pkpass.is_some() { t.wallet } else { "" };
    let quoted = match locale {
        Locale::Fr => format!("« {name} »"),
        Locale::En => format!("\"{name}\""),
    };
    let text = format!(
        "{hello} {holder},\n\n{intro} {quoted}.\n{when}\n{venue}\n\n{open}\n{link}\n\n{attached}\n{wallet}\n",
        hello = t.hello,
        intro = capitalised(t.intro),
        open = t.open,
        attached = t.attached,
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif\"><p>{hello} {holder_h},</p>\
         <p>{intro} <strong>{name_h}</strong>.<br>{when_h}<br>{venue_h}</p>\
         <p>{open}<br><a href=\"{link_h}\">{link_h}</a></p>\
         <p>{holder_label}&nbsp;: {holder_h}</p><p>{attached}<br>{wallet}</p></body></html>",
        lang = locale.as_str(),
        title = t.subject,
        hello = t.hello,
        holder_h = escape(holder),
        intro = capitalised(t.intro),
        name_h = escape(name),
        when_h = escape(&when),
        venue_h = escape(venue),
        open = t.open,
        link_h = escape(&link),
        holder_label = t.holder,
        attached = t.attached,
    );
    Some(Message {
        to,
        subject: format!("{} - {name}", t.subject),
        text,
        html: Some(html),
        attachments: std::iter::once(Attachment {
            filename: format!("{}.pdf", file_stem(locale)),
            content_type: "application/pdf".to_owned(),
            bytes: parts.pdf,
        })
        .chain(parts.pkpass.map(|bytes| Attachment {
            filename: format!("{}.pkpass", file_stem(locale)),
            content_type: "application/vnd.apple.pkpass".to_owned(),
            bytes,
        }))
        .collect(),
        message_id: Some(message_id(delivery, domain)),
    })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn file_stem(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "billet",
        Locale::En => "ticket",
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape("<a href='x'>&\""),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;"
        );
    }
}
