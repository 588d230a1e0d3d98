//! Fuzz target: the JSON loaders (arrays, pages, JSON Lines, diagnostic envelopes, Log
//! Analytics rows and tables), past the detector.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| signin_doctor_fuzz::with_prefix(b"[", data));
