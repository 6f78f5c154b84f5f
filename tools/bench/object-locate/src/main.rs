//! Baseline for cwasm's "locate the engine section" step: what Wasmtime does
//! before it can read a `.cwasm` (`object::File::parse`, then the section by
//! name, then its data), timed exactly like tools/bench/bench.c times the C
//! side, so the two numbers can be divided.
//!
//!   object-locate [--rounds N] [--min-ms M] FILE...
//!       one line per file: path TAB ns-per-artifact TAB section-length (-1: none)
//!   object-locate --callgrind K FILE...
//!       per file: one warm-up call, then cwasm_bench_zero(), K calls,
//!       cwasm_bench_dump(); run under
//!       valgrind --tool=callgrind --zero-before=cwasm_bench_zero --dump-before=cwasm_bench_dump
//!       so dump i holds the instructions of K calls on file i (printed in order).
//!
//! Method (same as the C side, tools/bench/common.h): the clock is the
//! thread's CPU time; a batch size is calibrated so one batch takes about
//! 50 us (the clock read is then < 0.2% of it); a round repeats batches for at
//! least `min-ms` of CPU time; the result is the best (minimum) round of
//! `rounds`.
//! The input slice is re-read through a volatile load before every call and
//! each result goes to a volatile sink, so nothing can be hoisted or dropped.
//!
//! Written for the Rust that Debian 12 ships (1.63): no std::hint::black_box.

use object::{File, Object, ObjectSection};

/// This thread's CPU time in ns (CLOCK_THREAD_CPUTIME_ID), the clock the C
/// side uses: time when other jobs hold the core is not counted. Declared by
/// hand (x86_64/aarch64 Linux layout of struct timespec) so that no crate
/// beyond object is needed offline.
#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}
extern "C" {
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn now_ns() -> f64 {
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e9 + ts.tv_nsec as f64
}

const ENGINE: &str = ".wasmtime.engine";

/// Wasmtime's `check_compatible` prelude: parse, find the section, take its data.
#[inline(never)]
fn locate(data: &[u8]) -> Option<&[u8]> {
    let obj = File::parse(data).ok()?;
    let section = obj.section_by_name(ENGINE)?;
    section.data().ok()
}

/// Callgrind markers: their entry is where callgrind zeroes / dumps counters.
/// The volatile write keeps the call from being optimised away.
#[no_mangle]
#[inline(never)]
pub extern "C" fn cwasm_bench_zero() {
    let mut x = 0u8;
    unsafe { std::ptr::write_volatile(&mut x, 1) };
}

#[no_mangle]
#[inline(never)]
pub extern "C" fn cwasm_bench_dump() {
    let mut x = 0u8;
    unsafe { std::ptr::write_volatile(&mut x, 2) };
}

/// One call on an opaque input, result kept live.
#[inline(always)]
fn call_once(input: &&[u8], sink: &mut usize) {
    let data: &[u8] = unsafe { std::ptr::read_volatile(input) };
    let n = match locate(data) {
        Some(d) => d.len().wrapping_add(1),
        None => 0,
    };
    unsafe { std::ptr::write_volatile(sink, sink.wrapping_add(n)) };
}

fn run_batch(input: &&[u8], n: u64, sink: &mut usize) {
    for _ in 0..n {
        call_once(input, sink);
    }
}

fn measure(data: &[u8], rounds: u32, min_ns: u64, sink: &mut usize) -> f64 {
    let input: &[u8] = data;
    // warm up (caches, branch predictors, first-touch of the allocator)
    run_batch(&input, 16, sink);
    // calibrate: a batch of about 50 us
    let t0 = now_ns();
    run_batch(&input, 16, sink);
    let single = ((now_ns() - t0) / 16.0).max(0.5);
    let batch = ((50_000.0 / single + 1.0) as u64).min(1 << 20);
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = now_ns();
        let mut iters = 0u64;
        let elapsed = loop {
            run_batch(&input, batch, sink);
            iters += batch;
            let e = now_ns() - start;
            if e >= min_ns as f64 {
                break e;
            }
        };
        let per = elapsed / iters as f64;
        if per < best {
            best = per;
        }
    }
    best
}

fn usage() -> ! {
    eprintln!("usage: object-locate [--rounds N] [--min-ms M] [--callgrind K] FILE...");
    std::process::exit(64);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut rounds: u32 = 5;
    let mut min_ms: u64 = 200;
    let mut callgrind: Option<u64> = None;
    let mut files: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        let mut num = |what: &str| -> u64 {
            match args.next().and_then(|v| v.parse::<u64>().ok()) {
                Some(v) if v > 0 => v,
                _ => {
                    eprintln!("object-locate: {} needs a positive number", what);
                    usage()
                }
            }
        };
        match a.as_str() {
            "--rounds" => rounds = num("--rounds") as u32,
            "--min-ms" => min_ms = num("--min-ms"),
            "--callgrind" => callgrind = Some(num("--callgrind")),
            "-h" | "--help" => usage(),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        usage();
    }
    let mut sink = 0usize;
    for path in &files {
        let data = match std::fs::read(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("object-locate: cannot read {}: {}", path, e);
                std::process::exit(66);
            }
        };
        let len = locate(&data).map(|d| d.len() as i64).unwrap_or(-1);
        match callgrind {
            Some(k) => {
                let input: &[u8] = &data;
                run_batch(&input, 1, &mut sink);
                cwasm_bench_zero();
                run_batch(&input, k, &mut sink);
                cwasm_bench_dump();
                println!("{}\t{}\t{}", path, k, len);
            }
            None => {
                let ns = measure(&data, rounds, min_ms * 1_000_000, &mut sink);
                println!("{}\t{:.2}\t{}", path, ns, len);
            }
        }
    }
    if sink == 1 {
        // never true in practice; reading the sink keeps it observable
        eprintln!("object-locate: sink");
    }
}
