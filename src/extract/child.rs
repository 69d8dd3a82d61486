//! Running an untrusted-input helper process with a wall-clock and a memory limit.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How a bounded child process ended when it did not succeed.
#[derive(Debug)]
pub enum ChildFailure {
    /// Could not be started (missing program).
    Spawn(std::io::Error),
    TimedOut,
    /// Exited non-zero or was killed by a signal; carries the end of stderr.
    Failed(String),
}

/// Run `command` to completion and return its stdout, killing it after `timeout`. The address
/// space is capped at `memory_limit` bytes so a runaway parser fails instead of the machine.
pub fn run_bounded(
    command: Command,
    timeout: Duration,
    memory_limit: u64,
) -> Result<Vec<u8>, ChildFailure> {
    run_bounded_with_input(command, None, timeout, memory_limit)
}

/// [`run_bounded`], writing `input` to the child's standard input. The child is killed when
/// this process dies, so a killed ingest leaves no OCR running behind it.
pub fn run_bounded_with_input(
    mut command: Command,
    input: Option<&[u8]>,
    timeout: Duration,
    memory_limit: u64,
) -> Result<Vec<u8>, ChildFailure> {
    use std::os::unix::process::CommandExt;
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: only async-signal-safe libc calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: memory_limit,
                rlim_max: memory_limit,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            // Its own process group, so a timeout also ends what it started (LibreOffice's
            // launcher script runs the real program as a child).
            libc::setpgid(0, 0);
            // Killed with us: a killed ingest leaves no OCR running behind it.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(ChildFailure::Spawn)?;
    let stdin = child.stdin.take();
    std::thread::scope(|scope| {
        if let (Some(mut stdin), Some(input)) = (stdin, input) {
            // A child that stops reading early (it failed) closes the pipe: not our error.
            scope.spawn(move || {
                use std::io::Write;
                let _ = stdin.write_all(input);
            });
        }
        wait_bounded(&mut child, timeout)
    })
}

fn wait_bounded(child: &mut Child, timeout: Duration) -> Result<Vec<u8>, ChildFailure> {
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(1 << 20).read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    // Short helpers (a page rasterized in 50 ms) are not kept waiting by the polling.
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                // SAFETY: signals the process group created in pre_exec, whose id is the child's.
                unsafe {
                    libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
                }
                let _ = child.kill();
                let _ = child.wait();
                return Err(ChildFailure::TimedOut);
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(5));
            }
            Err(e) => return Err(ChildFailure::Spawn(e)),
        }
    };
    // Whatever it left behind would hold the pipes open; its group id stays reserved while any
    // member lives, so this reaches only those.
    // SAFETY: plain kill(2) on the child's own process group.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if status.success() {
        Ok(out)
    } else {
        let err = String::from_utf8_lossy(&err);
        let tail: String = err.lines().rev().take(3).collect::<Vec<_>>().join(" / ");
        Err(ChildFailure::Failed(format!("{status}: {tail}")))
    }
}
