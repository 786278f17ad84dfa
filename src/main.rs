// Loading a corpus allocates many small strings; mimalloc makes that cheap
// (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    sxs::cli::main()
}
