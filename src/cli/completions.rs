//! `casus completions SHELL`: the shell completion script on stdout
//! (clap_complete). Invariant: writes nothing but stdout.

use super::{io_ok, CliResult};
use clap::CommandFactory;
use clap_complete::Shell;

/// Print a completion script for a shell.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    casus completions bash > ~/.local/share/bash-completion/completions/casus\n  \
    casus completions zsh > ~/.zfunc/_casus      # with fpath+=~/.zfunc in ~/.zshrc\n  \
    casus completions fish > ~/.config/fish/completions/casus.fish\n  \
    casus completions powershell >> $PROFILE\n  \
    casus completions elvish > ~/.config/elvish/lib/casus.elv")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> CliResult {
    let mut cmd = super::Cli::command();
    // Into memory first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "casus", &mut script);
    let mut out = std::io::stdout().lock();
    io_ok(
        std::io::Write::write_all(&mut out, &script).and_then(|_| std::io::Write::flush(&mut out)),
    )
}
