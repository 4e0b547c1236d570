fn main() -> std::process::ExitCode {
    ocrclean::cli::main()
}
