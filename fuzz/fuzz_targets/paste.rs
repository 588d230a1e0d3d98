//! Fuzz target: see `signin_doctor_fuzz::paste`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| signin_doctor_fuzz::paste(data));
