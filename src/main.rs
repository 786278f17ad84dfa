fn main() -> std::process::ExitCode {
    sxs::cli::main()
}
