//! See `vankien::fuzz::metadata`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vankien::fuzz::metadata(data));
