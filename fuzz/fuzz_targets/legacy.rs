//! See `vankien::fuzz::legacy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vankien::fuzz::legacy(data));
