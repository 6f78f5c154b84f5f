//! object-oracle: how Wasmtime's ELF reader (the `object` crate, here 0.30 from
//! Debian) finds `.wasmtime.engine` in an input, in three of Wasmtime's eras
//! (spec artifact-format.md §2.4). It is an oracle for tools/differential, never
//! part of cwasm.
//!
//!   object-oracle FILE...     one line per file:  FILE<TAB>A<TAB>C<TAB>E
//!   object-oracle --stream    stdin: records of (u32 little-endian length, bytes);
//!                             stdout: one line per record:  A<TAB>C<TAB>E
//!   object-oracle --describe  which object version and build (aligned/unaligned)
//!
//! Modes (each is the ELF part of Wasmtime's `check_compatible`, stopping
//! before the Wasmtime-level header test on EI_OSABI / e_flags, which the
//! driver applies itself from the bytes):
//!
//!   A  `object::File::parse` + `section_by_name(".wasmtime.engine")` (first
//!      match, unreadable names skipped) + `data()`.  Wasmtime v3.0 - v21.x
//!      (object 0.29 - 0.33).
//!   C  `ElfFile64::<Endianness>::parse` + the same lookup. Wasmtime v28 - v42
//!      (modes C and D; D differs only in the e_flags test). Mode B (v22 - v27)
//!      is C restricted to the host's byte order.
//!   E  header only: `FileHeader64::parse`, `section_headers`,
//!      `section_strings`, `sections`, then every name in index order (any
//!      unreadable name fails the whole check), the LAST match, `data()`.
//!      Wasmtime v43 - v48 (object 0.38/0.39); main (object 0.40) additionally
//!      rejects e_shstrndx 0xff00..0xfffe, which object 0.30 cannot show.
//!
//! Result fields:
//!   ok:INDEX:SH_OFFSET:LEN:FNV1A64:FRAMING:SHNUM  engine bytes found; FRAMING is
//!        Wasmtime's split of them: ok | empty | format | nolen | small
//!   none:SHNUM           parsed, no section named `.wasmtime.engine`
//!   data:INDEX:MESSAGE   found, but its bytes lie outside the input
//!   elf:MESSAGE          object refused the file (mode E: elf:, shdr:,
//!   shdr:/strtab:/sects:/name:MESSAGE   ... the step Wasmtime names in its context)
//!   panic                object panicked (a bug in object; reported, not hidden)
//!
//! Alignment: `object` without its `unaligned` feature reads header tables as
//! naturally aligned structs. The input is copied into 8-byte-aligned memory
//! (Wasmtime's input is page-aligned), so misalignment can only come from
//! offsets inside the file, as in Wasmtime.

use std::io::{self, BufRead, BufWriter, Read, Write};

use object::elf::FileHeader64;
use object::read::elf::{FileHeader, SectionHeader};
use object::{Endianness, Object, ObjectSection};

const ENGINE: &str = ".wasmtime.engine";

/// FNV-1a, 64 bit: a cheap fingerprint the C driver recomputes over its own view.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Wasmtime's framing of the engine section (serialization.rs, every era):
/// format byte 0, length byte L, at least L + 1 more bytes.
fn framing(data: &[u8]) -> &'static str {
    let (first, rest) = match data.split_first() {
        Some(x) => x,
        None => return "empty",
    };
    if *first != 0 {
        return "format";
    }
    let (len, rest) = match rest.split_first() {
        Some(x) => x,
        None => return "nolen",
    };
    if rest.len() < usize::from(*len) + 1 {
        return "small";
    }
    "ok"
}

fn found(index: usize, offset: u64, data: &[u8], shnum: usize) -> String {
    format!(
        "ok:{}:{}:{}:{:016x}:{}:{}",
        index,
        offset,
        data.len(),
        fnv1a64(data),
        framing(data),
        shnum
    )
}

/// Modes A and C share the lookup: `Object::section_by_name` is the first
/// section whose name reads as exactly `.wasmtime.engine` (object skips
/// headers whose name cannot be read). A macro, because `File` and `ElfFile64`
/// are different `Object` implementations.
macro_rules! lookup {
    ($f:expr) => {{
        let f = $f;
        let shnum = f.sections().count();
        match f.section_by_name(ENGINE) {
            None => format!("none:{}", shnum),
            Some(s) => {
                let index = s.index().0;
                let offset = s.file_range().map(|r| r.0).unwrap_or(0);
                match s.data() {
                    Ok(d) => found(index, offset, d, shnum),
                    Err(e) => format!("data:{}:{}", index, e),
                }
            }
        }
    }};
}

fn mode_a(data: &[u8]) -> String {
    match object::File::parse(data) {
        Err(e) => format!("elf:{}", e),
        Ok(f) => lookup!(&f),
    }
}

fn mode_c(data: &[u8]) -> String {
    match object::read::elf::ElfFile64::<Endianness>::parse(data) {
        Err(e) => format!("elf:{}", e),
        Ok(f) => lookup!(&f),
    }
}

fn mode_e(data: &[u8]) -> String {
    let header = match FileHeader64::<Endianness>::parse(data) {
        Ok(h) => h,
        Err(e) => return format!("elf:{}", e),
    };
    let endian = match header.endian() {
        Ok(e) => e,
        Err(e) => return format!("elf:{}", e),
    };
    let shdrs = match header.section_headers(endian, data) {
        Ok(s) => s,
        Err(e) => return format!("shdr:{}", e),
    };
    let strings = match header.section_strings(endian, data, shdrs) {
        Ok(s) => s,
        Err(e) => return format!("strtab:{}", e),
    };
    let sections = match header.sections(endian, data) {
        Ok(s) => s,
        Err(e) => return format!("sects:{}", e),
    };
    let mut last = None;
    for (i, s) in sections.iter().enumerate() {
        match s.name(endian, strings) {
            Err(e) => return format!("name:{}", e),
            Ok(n) if n == ENGINE.as_bytes() => last = Some((i, s)),
            Ok(_) => {}
        }
    }
    match last {
        None => format!("none:{}", sections.len()),
        Some((i, s)) => {
            let offset = s.file_range(endian).map(|r| r.0).unwrap_or(0);
            match s.data(endian, data) {
                Ok(d) => found(i, offset, d, sections.len()),
                Err(e) => format!("data:{}:{}", i, e),
            }
        }
    }
}

fn guarded(f: fn(&[u8]) -> String, data: &[u8]) -> String {
    std::panic::catch_unwind(|| f(data)).unwrap_or_else(|_| "panic".to_string())
}

/// The input in 8-byte-aligned memory (see the module comment).
fn aligned(input: &[u8]) -> Vec<u64> {
    let mut words = vec![0u64; (input.len() + 7) / 8];
    // SAFETY: `words` owns at least input.len() bytes; u64 has no invalid bit patterns.
    let bytes =
        unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, words.len() * 8) };
    bytes[..input.len()].copy_from_slice(input);
    words
}

fn judge(input: &[u8]) -> String {
    let words = aligned(input);
    // SAFETY: the first input.len() bytes of `words` were initialised from `input`.
    let data = unsafe { std::slice::from_raw_parts(words.as_ptr() as *const u8, input.len()) };
    format!(
        "{}\t{}\t{}",
        guarded(mode_a, data),
        guarded(mode_c, data),
        guarded(mode_e, data)
    )
}

fn describe() {
    println!(
        "object 0.30 (Debian librust-object-dev), features read_core+elf+std{}",
        if cfg!(feature = "unaligned") {
            "+unaligned"
        } else {
            ""
        }
    );
}

fn stream() -> io::Result<()> {
    let stdin = io::stdin();
    let mut inp = io::BufReader::with_capacity(1 << 20, stdin.lock());
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut buf = Vec::new();
    loop {
        let mut len = [0u8; 4];
        // End of stream only at a record boundary.
        if inp.fill_buf()?.is_empty() {
            break;
        }
        inp.read_exact(&mut len)?;
        let n = u32::from_le_bytes(len) as usize;
        buf.resize(n, 0);
        inp.read_exact(&mut buf)?;
        writeln!(out, "{}", judge(&buf))?;
    }
    out.flush()
}

fn main() {
    // Panics are reported as `panic` in the output line; keep stderr quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: object-oracle FILE... | --stream | --describe");
        std::process::exit(64);
    }
    if args[0] == "--describe" {
        describe();
        return;
    }
    if args[0] == "--stream" {
        if let Err(e) = stream() {
            eprintln!("object-oracle: {}", e);
            std::process::exit(1);
        }
        return;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut status = 0;
    for path in &args {
        match std::fs::read(path) {
            Ok(bytes) => {
                let _ = writeln!(out, "{}\t{}", path, judge(&bytes));
            }
            Err(e) => {
                eprintln!("object-oracle: {}: {}", path, e);
                status = 66;
            }
        }
    }
    let _ = out.flush();
    std::process::exit(status);
}
