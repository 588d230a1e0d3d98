//! Fuzz target: see `signin_doctor_fuzz::detect_and_load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| signin_doctor_fuzz::detect_and_load(data));
