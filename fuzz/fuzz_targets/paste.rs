#![no_main]
//! Fuzz target: see `signin_doctor_fuzz::paste`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| signin_doctor_fuzz::paste(data));
