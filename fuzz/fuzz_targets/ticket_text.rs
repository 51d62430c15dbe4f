#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qr_event_fuzzing::ticket_text(data));
