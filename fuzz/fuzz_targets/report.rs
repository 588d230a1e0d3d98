//! Fuzz target: see `signin_doctor_fuzz::report`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| signin_doctor_fuzz::report(data));
