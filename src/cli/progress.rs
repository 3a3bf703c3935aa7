//! Progress on stderr for long work (import, generate, escalate, render):
//! an indicatif spinner or bar when stderr is a terminal, nothing with
//! `--quiet`; when stderr is not a terminal, nothing, or for commands that
//! log their stages ([`Progress::logged`], import) plain timed lines
//! (`[  1.2s] reading ...`).
//! Invariant: never writes to stdout, never draws on a stderr that is not a
//! terminal (pipes, files and CI logs get no control codes), and a bar is
//! cleared before the command prints its own messages.
//!
//! Use: `let p = Progress::spinner(ctx.quiet, "simulating");` then
//! `p.step("writing")` for each stage (or `Progress::bar(quiet, n, "trials")`
//! and `p.inc(1)` for counted work); drop it (or `p.finish()`) when done.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How progress is shown: decided once, from `--quiet` and the terminal.
enum Mode {
    /// Nothing shown.
    Quiet,
    /// Timed lines on stderr (not a terminal).
    Lines,
    Bar(ProgressBar),
}

/// Progress of one command's long work.
pub struct Progress {
    mode: Mode,
    start: Instant,
}

impl Progress {
    /// A spinner with a message and the elapsed time, for work of unknown
    /// length; silent when stderr is not a terminal.
    pub fn spinner(quiet: bool, msg: &str) -> Progress {
        Progress::new(quiet, None, msg, false)
    }

    /// A spinner that becomes timed lines, one per [`Progress::step`], when
    /// stderr is not a terminal (a log of the stages in CI and redirected
    /// runs; `msg` labels the spinner only).
    pub fn logged(quiet: bool, msg: &str) -> Progress {
        Progress::new(quiet, None, msg, true)
    }

    /// A bar of `len` units (trials, rows, files), with rate and ETA;
    /// silent when stderr is not a terminal. For counted work (no command
    /// of this branch counts yet; `casus backtest` is meant to).
    #[allow(dead_code)]
    pub fn bar(quiet: bool, len: u64, msg: &str) -> Progress {
        Progress::new(quiet, Some(len), msg, false)
    }

    fn new(quiet: bool, len: Option<u64>, msg: &str, lines: bool) -> Progress {
        let mode = if quiet {
            Mode::Quiet
        } else if !std::io::stderr().is_terminal() {
            if lines {
                Mode::Lines
            } else {
                Mode::Quiet
            }
        } else {
            Mode::Bar(drawn(len, msg))
        };
        Progress {
            mode,
            start: Instant::now(),
        }
    }

    fn line(&self, msg: &str) {
        eprintln!("[{:>5.1}s] {msg}", self.start.elapsed().as_secs_f64());
    }

    /// A new stage of the work: the spinner's message, or one timed line.
    pub fn step(&self, msg: &str) {
        match &self.mode {
            Mode::Quiet => {}
            Mode::Lines => self.line(msg),
            Mode::Bar(b) => b.set_message(msg.to_string()),
        }
    }

    /// Counted work done (bars only; lines and spinners ignore it).
    #[allow(dead_code)]
    pub fn inc(&self, n: u64) {
        if let Mode::Bar(b) = &self.mode {
            b.inc(n);
        }
    }

    /// Clears the bar (also done on drop).
    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Mode::Bar(b) = &self.mode {
            b.finish_and_clear();
        }
    }
}

fn drawn(len: Option<u64>, msg: &str) -> ProgressBar {
    let (bar, template) = match len {
        Some(n) => (
            ProgressBar::new(n),
            "{msg} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, {eta} left)",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {msg} [{elapsed_precise}]",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_message(msg.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
