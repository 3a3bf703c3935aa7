//! The `casus` binary: everything lives in the library and in `cli`.

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::main())
}
