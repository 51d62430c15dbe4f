#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qr_event_fuzzing::request_bodies(data));
