//! Inputs the fuzzers (`scripts/fuzz.sh`) once broke a reader with, replayed on every test run,
//! plus a few hostile shapes written by hand. Each must return without panicking, in bounded
//! time (the test harness would hang otherwise).

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        run(&data);
        count += 1;
    }
    count
}

fn hand_written() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xff\xfe\x00".to_vec(),
        "Số: /-/CT/TW\nSố 99999999999999999999-NQ/TW".into(),
        "CHƯƠNG\u{c}CHƯƠNG I\u{c}\u{c}PHẦN THỨ\nPHỤ LỤC".into(),
        "{\"isbn\": \"\", \"year\": -2147483648}".into(),
        "ngày 31 tháng 02 năm 99999".into(),
    ];
    // Long runs of one character, and of legacy bytes with no letters between them.
    inputs.push(vec![b'-'; 100_000]);
    inputs.push(vec![0xAD; 100_000]);
    inputs.push("Số 05-CT/TW ".repeat(5_000).into_bytes());
    inputs.push("\u{301}".repeat(20_000).into_bytes());
    inputs
}

#[test]
fn metadata_readers_survive_every_kept_input() {
    for input in hand_written() {
        vankien::fuzz::metadata(&input);
    }
    println!(
        "{} kept inputs replayed",
        replay("metadata", vankien::fuzz::metadata)
    );
}

#[test]
fn legacy_repair_survives_every_kept_input() {
    for input in hand_written() {
        vankien::fuzz::legacy(&input);
    }
    println!(
        "{} kept inputs replayed",
        replay("legacy", vankien::fuzz::legacy)
    );
}
