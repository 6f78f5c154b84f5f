#!/usr/bin/env python3
"""Hand-made seed inputs for the cwasm fuzz harnesses.

    fuzz/gen_seeds.py OUTDIR [ARTIFACT...]

Writes OUTDIR/<harness>/<name> for every harness. The inputs are small and
each aims at one path of the parser: every ELF class and byte order, extended
section numbering, duplicate / NOBITS / overlapping engine sections, legacy
and WebAssembly inputs, each version-string kind, and metadata in both codecs
(bincode v4 and postcard v24 / v36 / v48 built from the byte examples of
artifact-format.md section 7.6 and Appendix A). ARTIFACT files (real .cwasm
files) add their engine section and metadata to the engine and metadata
seeds. scripts/fuzz.sh --reseed merges the output into fuzz/corpus/ with
libFuzzer's -merge=1, which keeps only inputs that add coverage.
"""
import os
import struct
import sys

ENGINE = b".wasmtime.engine"
SHT_NULL, SHT_PROGBITS, SHT_STRTAB, SHT_NOBITS = 0, 1, 3, 8
LAYOUTS = 30  # cwasm_layout_count(); a wrong guess only costs duplicate seeds


def hexblock(text):
    return bytes.fromhex("".join(line.split(":", 1)[1] for line in text.strip().splitlines()))


# artifact-format.md Appendix A: a complete v48.0.0 engine section (1050 bytes).
V48_ENGINE = hexblock("""
0000: 00 02 34 38 18 78 38 36 5f 36 34 2d 75 6e 6b 6e
0010: 6f 77 6e 2d 6c 69 6e 75 78 2d 67 6e 75 1b 12 72
0020: 65 67 61 6c 6c 6f 63 5f 61 6c 67 6f 72 69 74 68
0030: 6d 00 0c 62 61 63 6b 74 72 61 63 6b 69 6e 67 09
0040: 6f 70 74 5f 6c 65 76 65 6c 00 05 73 70 65 65 64
0050: 09 74 6c 73 5f 6d 6f 64 65 6c 00 04 6e 6f 6e 65
0060: 12 73 74 61 63 6b 5f 73 77 69 74 63 68 5f 6d 6f
0070: 64 65 6c 00 04 6e 6f 6e 65 11 6c 69 62 63 61 6c
0080: 6c 5f 63 61 6c 6c 5f 63 6f 6e 76 00 0b 69 73 61
0090: 5f 64 65 66 61 75 6c 74 14 70 72 6f 62 65 73 74
00a0: 61 63 6b 5f 73 69 7a 65 5f 6c 6f 67 32 01 0c 13
00b0: 70 72 6f 62 65 73 74 61 63 6b 5f 73 74 72 61 74
00c0: 65 67 79 00 06 69 6e 6c 69 6e 65 19 62 62 5f 70
00d0: 61 64 64 69 6e 67 5f 6c 6f 67 32 5f 6d 69 6e 75
00e0: 73 5f 6f 6e 65 01 00 1b 6c 6f 67 32 5f 6d 69 6e
00f0: 5f 66 75 6e 63 74 69 6f 6e 5f 61 6c 69 67 6e 6d
0100: 65 6e 74 01 00 10 72 65 67 61 6c 6c 6f 63 5f 63
0110: 68 65 63 6b 65 72 02 00 15 72 65 67 61 6c 6c 6f
0120: 63 5f 76 65 72 62 6f 73 65 5f 6c 6f 67 73 02 00
0130: 15 65 6e 61 62 6c 65 5f 61 6c 69 61 73 5f 61 6e
0140: 61 6c 79 73 69 73 02 01 0f 65 6e 61 62 6c 65 5f
0150: 76 65 72 69 66 69 65 72 02 00 06 69 73 5f 70 69
0160: 63 02 00 16 75 73 65 5f 63 6f 6c 6f 63 61 74 65
0170: 64 5f 6c 69 62 63 61 6c 6c 73 02 00 1b 65 6e 61
0180: 62 6c 65 5f 6e 61 6e 5f 63 61 6e 6f 6e 69 63 61
0190: 6c 69 7a 61 74 69 6f 6e 02 00 11 65 6e 61 62 6c
01a0: 65 5f 70 69 6e 6e 65 64 5f 72 65 67 02 00 1a 65
01b0: 6e 61 62 6c 65 5f 6c 6c 76 6d 5f 61 62 69 5f 65
01c0: 78 74 65 6e 73 69 6f 6e 73 02 00 1e 65 6e 61 62
01d0: 6c 65 5f 6d 75 6c 74 69 5f 72 65 74 5f 69 6d 70
01e0: 6c 69 63 69 74 5f 73 72 65 74 02 01 0b 75 6e 77
01f0: 69 6e 64 5f 69 6e 66 6f 02 01 17 70 72 65 73 65
0200: 72 76 65 5f 66 72 61 6d 65 5f 70 6f 69 6e 74 65
0210: 72 73 02 01 15 6d 61 63 68 69 6e 65 5f 63 6f 64
0220: 65 5f 63 66 67 5f 69 6e 66 6f 02 00 11 65 6e 61
0230: 62 6c 65 5f 70 72 6f 62 65 73 74 61 63 6b 02 01
0240: 25 65 6e 61 62 6c 65 5f 68 65 61 70 5f 61 63 63
0250: 65 73 73 5f 73 70 65 63 74 72 65 5f 6d 69 74 69
0260: 67 61 74 69 6f 6e 02 01 26 65 6e 61 62 6c 65 5f
0270: 74 61 62 6c 65 5f 61 63 63 65 73 73 5f 73 70 65
0280: 63 74 72 65 5f 6d 69 74 69 67 61 74 69 6f 6e 02
0290: 01 2b 65 6e 61 62 6c 65 5f 69 6e 63 72 65 6d 65
02a0: 6e 74 61 6c 5f 63 6f 6d 70 69 6c 61 74 69 6f 6e
02b0: 5f 63 61 63 68 65 5f 63 68 65 63 6b 73 02 00 19
02c0: 65 6e 61 62 6c 65 5f 63 6f 6d 70 61 63 74 5f 75
02d0: 6e 77 69 6e 64 5f 61 62 69 02 00 13 08 68 61 73
02e0: 5f 73 73 65 33 02 01 09 68 61 73 5f 73 73 73 65
02f0: 33 02 01 0e 68 61 73 5f 63 6d 70 78 63 68 67 31
0300: 36 62 02 01 09 68 61 73 5f 73 73 65 34 31 02 01
0310: 09 68 61 73 5f 73 73 65 34 32 02 01 07 68 61 73
0320: 5f 61 76 78 02 01 08 68 61 73 5f 61 76 78 32 02
0330: 01 07 68 61 73 5f 66 6d 61 02 01 0c 68 61 73 5f
0340: 61 76 78 5f 76 6e 6e 69 02 00 10 68 61 73 5f 61
0350: 76 78 35 31 32 62 69 74 61 6c 67 02 00 0c 68 61
0360: 73 5f 61 76 78 35 31 32 64 71 02 00 0c 68 61 73
0370: 5f 61 76 78 35 31 32 76 6c 02 00 0e 68 61 73 5f
0380: 61 76 78 35 31 32 76 62 6d 69 02 00 0b 68 61 73
0390: 5f 61 76 78 35 31 32 66 02 00 0e 68 61 73 5f 61
03a0: 76 78 35 31 32 76 6e 6e 69 02 00 0a 68 61 73 5f
03b0: 70 6f 70 63 6e 74 02 01 08 68 61 73 5f 62 6d 69
03c0: 31 02 01 08 68 61 73 5f 62 6d 69 32 02 01 09 68
03d0: 61 73 5f 6c 7a 63 6e 74 02 01 01 02 80 80 80 80
03e0: 10 80 80 80 10 80 80 80 80 08 00 00 01 00 00 01
03f0: 00 01 01 01 01 00 00 00 01 01 04 32 d0 0f 01 00
0400: 00 80 80 80 80 10 80 80 80 10 80 80 80 80 08 00
0410: 01 00 01 00 ff fb af c8 c0 01
""")

TARGET = b"x86_64-unknown-linux-gnu"


def pc_varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pc_str(s):
    return pc_varint(len(s)) + s


def bc_str(s):
    return struct.pack("<Q", len(s)) + s


def pc_flags(entries):
    """entries: (name, kind, payload) with kind 0 enum (bytes), 1 num, 2 bool."""
    out = pc_varint(len(entries))
    for name, kind, val in entries:
        out += pc_str(name) + bytes([kind])
        out += pc_str(val) if kind == 0 else bytes([val])
    return out


def bc_flags(entries):
    out = struct.pack("<Q", len(entries))
    for name, kind, val in entries:
        out += bc_str(name) + struct.pack("<I", kind)
        out += bc_str(val) if kind == 0 else bytes([val])
    return out


SHARED = [(b"opt_level", 0, b"speed"), (b"probestack_size_log2", 1, 12), (b"enable_probestack", 2, 1)]
ISA = [(b"has_avx2", 2, 1), (b"has_sse41", 2, 0)]

# Metadata per artifact-format.md 7.6 (flags shortened to three and two).
META = {
    "v4-bincode": bc_str(TARGET) + bc_flags(SHARED) + bc_flags(ISA)
    + bytes.fromhex("0000010000000000" "0000008000000000" "0000010000000000"
                    "0000008000000000" "0000000000010100")
    + bytes.fromhex("01010100010000000000000000"),
    "v24-postcard": pc_str(TARGET) + pc_flags(SHARED) + pc_flags(ISA)
    + bytes.fromhex("8080808010" "8080808008" "808004" "8080808008" "0000000000010101000000")
    + bytes.fromhex("0101010101010101000001000000000000"),
    "v36-postcard": pc_str(TARGET) + pc_flags(SHARED) + pc_flags(ISA)
    + bytes.fromhex("0100" "8080808010" "80808010" "8080808008"
                    "0000000001010101000000010100" "02" "32" "d00f")
    + bytes.fromhex("ffbb878860"),
    "v48-postcard": V48_ENGINE[4:],
}


def engine_section(version, metadata, fmt=0):
    return bytes([fmt, len(version)]) + version + metadata


def align(buf, a):
    while len(buf) % a:
        buf += b"\0"
    return buf


def elf(sections, cls=64, big=False, osabi=200, etype=1, flags=1, machine=62, ext=False,
        trailing=b"", shstrtab_nul=True):
    """sections: list of (name, type, data). Returns a Wasmtime-like ELF image."""
    e = ">" if big else "<"
    ehsize, shentsize = (64, 64) if cls == 64 else (52, 40)
    names = bytearray(b"\0")
    name_off = []
    for name, _, _ in sections + [(b".shstrtab", SHT_STRTAB, b"")]:
        name_off.append(len(names))
        names += name + b"\0"
    if not shstrtab_nul:
        names = names[:-1]
    body = bytearray(b"\0" * ehsize)
    placed = []
    for (name, typ, data) in sections:
        body = align(body, 8)
        placed.append((len(body), len(data)))
        if typ != SHT_NOBITS:
            body += data
    body = align(body, 8)
    strtab_off = len(body)
    body += names
    body = align(body, 8)
    shoff = len(body)
    shnum = len(sections) + 2
    shstrndx = shnum - 1

    def shdr(name, typ, flags_, off, size, link=0):
        if cls == 64:
            return struct.pack(e + "IIQQQQIIQQ", name, typ, flags_, 0, off, size, link, 0, 1, 0)
        return struct.pack(e + "IIIIIIIIII", name, typ, flags_, 0, off, size, link, 0, 1, 0)

    table = shdr(0, SHT_NULL, 0, 0, shnum if ext else 0, shstrndx if ext else 0)
    for i, (name, typ, data) in enumerate(sections):
        off, size = placed[i]
        table += shdr(name_off[i], typ, 2, off, size)
    table += shdr(name_off[-1], SHT_STRTAB, 0, strtab_off, len(names))
    body += table
    ident = b"\x7fELF" + bytes([2 if cls == 64 else 1, 2 if big else 1, 1, osabi, 0]) + b"\0" * 7
    if cls == 64:
        hdr = ident + struct.pack(e + "HHIQQQIHHHHHH", etype, machine, 1, 0, 0, shoff, flags,
                                  ehsize, 0, 0, shentsize, 0 if ext else shnum,
                                  0xFFFF if ext else shstrndx)
    else:
        hdr = ident + struct.pack(e + "HHIIIIIHHHHHH", etype, machine, 1, 0, 0, shoff, flags,
                                  ehsize, 0, 0, shentsize, 0 if ext else shnum,
                                  0xFFFF if ext else shstrndx)
    body[0:ehsize] = hdr
    return bytes(body) + trailing


def artifact(engine, **kw):
    text = (b".text", SHT_PROGBITS, b"\xc3" * 16)
    return elf([(ENGINE, SHT_PROGBITS, engine), (b".wasmtime.bti", SHT_PROGBITS, b"\0"), text], **kw)


def find_engine(img):
    """The first .wasmtime.engine section of an ELF64/32 image, or None."""
    try:
        if img[:4] != b"\x7fELF":
            return None
        cls, big = img[4], img[5] == 2
        e = ">" if big else "<"
        if cls == 2:
            shoff, = struct.unpack_from(e + "Q", img, 40)
            shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", img, 58)
            fmt, o_off = e + "IIQQQQ", 4
        else:
            shoff, = struct.unpack_from(e + "I", img, 32)
            shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", img, 46)
            fmt, o_off = e + "IIIIII", 4
        hdrs = [struct.unpack_from(fmt, img, shoff + i * shentsize) for i in range(shnum)]
        stroff, strsize = hdrs[shstrndx][o_off], hdrs[shstrndx][o_off + 1]
        for h in hdrs:
            name = img[stroff + h[0]: img.index(b"\0", stroff + h[0])]
            if name == ENGINE:
                return img[h[o_off]: h[o_off] + h[o_off + 1]]
    except (struct.error, ValueError, IndexError):
        return None
    return None


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    real = []
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            real.append((os.path.basename(path), f.read()))

    v48 = V48_ENGINE
    v48_meta = v48[4:]
    engines = {
        "v48-appendix-a": v48,
        "v4-bincode": engine_section(b"4.0.0", META["v4-bincode"]),
        "v24-postcard": engine_section(b"24.0.0", META["v24-postcard"]),
        "v36-postcard": engine_section(b"36.0.0", META["v36-postcard"]),
        "custom-version": engine_section(b"my-fork-build", v48_meta),
        "none-version": engine_section(b"", v48_meta),
        "unknown-release": engine_section(b"99", v48_meta),
        "noncanonical-48.0.0": engine_section(b"48.0.0", v48_meta),
        "dev-build-v47-string": engine_section(b"47", v48_meta),
        "bad-utf8-version": engine_section(b"\xff\xfe", v48_meta),
        "trailing-bytes": v48 + b"\0\0\0",
        "format-1": bytes([1]) + v48[1:],
        "too-small": bytes([0, 200]) + b"48",
        "only-format": b"\0",
    }
    for name, img in real:
        eng = find_engine(img)
        if eng:
            engines["real-" + name] = eng

    elf_seeds = {}
    for name, img in real:
        elf_seeds["real-" + name] = img
    elf_seeds.update({
        "v48-elf64-le-module": artifact(v48),
        "v48-component-pulley32": artifact(v48, flags=0x6, machine=243),
        "v48-elf64-be-s390x": artifact(v48, big=True, machine=22),
        "v48-elf32-le": artifact(v48, cls=32),
        "v48-elf32-be": artifact(v48, cls=32, big=True),
        "v48-extended-numbering": artifact(v48, ext=True),
        "v48-osabi-0": artifact(v48, osabi=0),
        "v48-etype-exec": artifact(v48, etype=2),
        "v48-flags-unknown-bits": artifact(v48, flags=0x31),
        "v48-shstrtab-unterminated": artifact(v48, shstrtab_nul=False),
        "v4-bincode-elf": artifact(engines["v4-bincode"]),
        "v24-postcard-elf": artifact(engines["v24-postcard"]),
        "v36-postcard-elf": artifact(engines["v36-postcard"]),
        "custom-version-elf": artifact(engines["custom-version"]),
        "none-version-elf": artifact(engines["none-version"]),
        "unknown-release-elf": artifact(engines["unknown-release"]),
        "dev-build-elf": artifact(engines["dev-build-v47-string"]),
        "trailing-bytes-elf": artifact(engines["trailing-bytes"]),
        "two-engine-sections": elf([(ENGINE, SHT_PROGBITS, v48), (ENGINE, SHT_PROGBITS,
                                                                   engines["v36-postcard"])]),
        "nobits-engine": elf([(ENGINE, SHT_NOBITS, v48)]),
        "no-engine": elf([(b".text", SHT_PROGBITS, b"\xc3")]),
        "legacy-trailer": elf([(b".text", SHT_PROGBITS, b"\xc3")], osabi=0, flags=0)
        + b"\xff" * 8 + b"\0wasmtime-aot" + bytes([6]) + b"0.30.0" + b"\0" * 8,
        "legacy-prefix": b"\0wasmtime-aot" + bytes([6]) + b"0.26.0" + b"\0" * 16,
        "wasm-binary": b"\0asm\x01\0\0\0",
        "one-byte": b"\x7f",
        "elf-ident-only": b"\x7fELF\x02\x01\x01\xc8" + b"\0" * 8,
    })

    meta_seeds = {}
    metas = dict(META)
    for name, eng in engines.items():
        if name.startswith("real-") and len(eng) > 2 and len(eng) > 2 + eng[1]:
            metas[name] = eng[2 + eng[1]:]
    for name, meta in metas.items():
        for layout in range(LAYOUTS):
            meta_seeds["%s-layout%02d" % (name, layout)] = bytes([layout]) + meta
    meta_seeds["version-22.0.0"] = b"\x13" + b"22.0.0\0"
    meta_seeds["version-38"] = b"\x17" + b"38\0"

    harness_seeds = {
        "fuzz_elf": elf_seeds,
        "fuzz_elf_differential": elf_seeds,
        "fuzz_inspect": elf_seeds,
        "fuzz_engine": dict(elf_seeds, **{"engine-" + k: v for k, v in engines.items()}),
        "fuzz_metadata": meta_seeds,
    }
    for harness, seeds in harness_seeds.items():
        d = os.path.join(out, harness)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        print("%s: %d seeds" % (harness, len(seeds)))
    # fuzz_prepared: selector byte + artifact or layout parameters (embed_refs.py)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import embed_refs  # noqa: E402
    print("fuzz_prepared: %d seeds" % embed_refs.write_seeds(embed_refs.load_refs(),
                                                          os.path.join(out, "fuzz_prepared")))


if __name__ == "__main__":
    main()
