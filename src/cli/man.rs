//! `casus man`: the manual page (roff, clap_mangen) on stdout, or one page
//! per command written into a directory. Invariant: every file is written
//! atomically (`casus::atomic`); nothing else is touched.

use super::output::{Failure, EXIT_FAIL};
use super::{io_ok, CliResult};
use clap::CommandFactory;
use std::path::{Path, PathBuf};

/// Print the man page, or write every page into a directory.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    casus man | man -l -\n  \
    casus man --dir ~/.local/share/man/man1     # casus.1 and casus-COMMAND.1, then: man casus-path")]
pub struct Args {
    /// Write casus.1 and one casus-COMMAND.1 page per command into this
    /// (existing) directory instead of printing casus.1.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run(args: Args) -> CliResult {
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    match args.dir {
        None => {
            let mut out = std::io::stdout().lock();
            io_ok(clap_mangen::Man::new(cmd).render(&mut out))
        }
        Some(dir) => {
            let mut written = 0;
            write_pages(cmd, &dir, &mut written).map_err(|e| {
                Failure::new(
                    EXIT_FAIL,
                    format!("error: cannot write the man pages into {}: {e}\n  hint: --dir names an existing, writable directory", dir.display()),
                )
            })?;
            eprintln!("wrote {written} man pages to {}", dir.display());
            Ok(())
        }
    }
}

/// The page of `cmd` and of each of its visible subcommands, recursively.
fn write_pages(cmd: clap::Command, dir: &Path, written: &mut usize) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "not a directory",
        ));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir, written)?;
    }
    let man = clap_mangen::Man::new(cmd);
    casus::atomic::write_file_with(&dir.join(man.get_filename()), |w| man.render(w))?;
    *written += 1;
    Ok(())
}
